import { listPublishedArticles } from "@/lib/data/articles";
import { correctionsByArticle } from "@/lib/data/corrections";
import { getPublication } from "@/lib/data/publication";
import { findSection } from "@/lib/data/sections";
import { renderRss } from "@/lib/feed";
import { absoluteUrl, siteUrl } from "@/lib/site";

export const revalidate = 60;

export async function generateStaticParams() {
  return [];
}

/** One section's feed. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const section = await findSection({ slug });
  if (!section) return new Response("Not found", { status: 404 });
  const [{ articles }, publication] = await Promise.all([listPublishedArticles({ sectionSlug: slug, limit: 30 }), getPublication()]);
  const notes = await correctionsByArticle({ articleIds: articles.map((a) => a.id) });
  const xml = renderRss({
    title: `${publication.name}: ${section.name}`,
    description: `${section.name} stories from ${publication.name}`,
    siteUrl: siteUrl(),
    feedUrl: absoluteUrl(`/sections/${slug}/feed.xml`),
    items: articles.map((a) => ({ ...a, corrections: notes.get(a.id) })),
  });
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
}
