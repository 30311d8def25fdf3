import "server-only";
import { revalidatePath } from "next/cache";
import { purgePageCache } from "@/lib/http/page-cache-hook";

/**
 * Refresh the cached reader site after a story changes. A story can appear on the front page,
 * its section, tag and author pages, related-story rails, feeds and the sitemap, so the whole
 * public cache is marked stale; pages re-render on their next request.
 */
export function revalidateArticle(_article: { slug: string; section: { slug: string } | null }) {
  revalidateReaderSite();
}

/**
 * Mark every reader page stale in Next's cache and empty the server's page cache
 * (lib/http/page-cache.ts). For anything that shows on public pages: stories, names and bios,
 * settings, issues.
 */
export function revalidateReaderSite() {
  revalidatePath("/", "layout");
  purgePageCache();
}

/**
 * Refresh the public staff pages (/staff and /staff/volumes/<n>) and the sitemap after a
 * masthead changes. The whole reader site, as for any change: revalidatePath on the dynamic
 * "/staff/volumes/[number]" page left an already rendered volume page stale until its own
 * revalidate time ran out (unnoticed while that was 3 s; it is a minute now).
 */
export function revalidateMasthead() {
  revalidateReaderSite();
}
