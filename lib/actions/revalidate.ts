import "server-only";
import { revalidatePath } from "next/cache";

/**
 * Refresh the cached reader site after a story changes. A story can appear on the front page,
 * its section, tag and author pages, related-story rails, feeds and the sitemap, so the whole
 * public cache is marked stale; pages re-render on their next request.
 */
export function revalidateArticle(_article: { slug: string; section: { slug: string } | null }) {
  revalidatePath("/", "layout");
}

/** Refresh the public staff pages (/staff and /staff/volumes/<n>) after a masthead changes. */
export function revalidateMasthead() {
  revalidatePath("/staff");
  revalidatePath("/staff/volumes/[number]", "page");
  revalidatePath("/sitemap.xml");
}
