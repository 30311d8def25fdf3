import { listPublishedArticles } from "@/lib/data/articles";
import { correctionsByArticle } from "@/lib/data/corrections";
import { getPublication } from "@/lib/data/publication";
import { renderRss } from "@/lib/feed";
import { absoluteUrl, siteUrl } from "@/lib/site";

export const revalidate = 60;

/** The whole paper's feed: the 30 newest published stories, full text. */
export async function GET() {
  const [{ articles }, publication] = await Promise.all([listPublishedArticles({ limit: 30 }), getPublication()]);
  const notes = await correctionsByArticle({ articleIds: articles.map((a) => a.id) });
  const xml = renderRss({ title: publication.name, description: publication.tagline || `Stories from ${publication.name}`, siteUrl: siteUrl(), feedUrl: absoluteUrl("/feed.xml"), items: articles.map((a) => ({ ...a, corrections: notes.get(a.id) })) });
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
}
