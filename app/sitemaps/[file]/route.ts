import { listMastheadVolumeNumbers } from "@/lib/data/masthead";
import { listAuthorSlugs } from "@/lib/data/people";
import { listSitemapStories } from "@/lib/data/public";
import { listSections } from "@/lib/data/sections";
import { parseSitemapFile, renderUrlset, SITEMAP_HEADERS } from "@/lib/sitemap";
import { absoluteUrl } from "@/lib/site";

export const revalidate = 60;

export async function generateStaticParams() {
  // Rendered on first request, then cached; nothing is built ahead of time.
  return [];
}

/** /sitemaps/pages.xml (front page, sections, authors, staff, mastheads) or /sitemaps/stories-<n>.xml. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const which = parseSitemapFile((await params).file);
  if (which === null) return new Response("Not found", { status: 404 });
  if (which === "pages") {
    const [sections, authors, mastheads] = await Promise.all([listSections(), listAuthorSlugs(), listMastheadVolumeNumbers()]);
    const entries = [
      { loc: absoluteUrl("/") },
      ...sections.map((s) => ({ loc: absoluteUrl(`/sections/${s.slug}`) })),
      ...authors.map((p) => ({ loc: absoluteUrl(`/authors/${p.slug}`), lastModified: p.updatedAt })),
      { loc: absoluteUrl("/staff") },
      ...mastheads.map((n) => ({ loc: absoluteUrl(`/staff/volumes/${n}`) })),
    ];
    return new Response(renderUrlset(entries), { headers: SITEMAP_HEADERS });
  }
  const stories = await listSitemapStories({ n: which });
  if (stories.length === 0 && which > 1) return new Response("Not found", { status: 404 });
  return new Response(renderUrlset(stories.map((s) => ({ loc: absoluteUrl(`/articles/${s.slug}`), lastModified: s.updatedAt }))), { headers: SITEMAP_HEADERS });
}
