import { countSitemapStories, SITEMAP_MAX_URLS } from "@/lib/data/public";
import { renderSitemapIndex, SITEMAP_HEADERS, storySitemapNumbers } from "@/lib/sitemap";
import { absoluteUrl } from "@/lib/site";

export const revalidate = 60;

/** The sitemap index: the pages sitemap and one story sitemap per 50,000 stories (lib/sitemap.ts). */
export async function GET() {
  const stories = await countSitemapStories();
  const entries = [{ loc: absoluteUrl("/sitemaps/pages.xml") }, ...storySitemapNumbers(stories, SITEMAP_MAX_URLS).map((n) => ({ loc: absoluteUrl(`/sitemaps/stories-${n}.xml`) }))];
  return new Response(renderSitemapIndex(entries), { headers: SITEMAP_HEADERS });
}
