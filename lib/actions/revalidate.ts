import "server-only";
import { revalidatePath } from "next/cache";

/** Refresh every public page a story can appear on after it changes. */
export function revalidateArticle(article: { slug: string; section: { slug: string } | null }) {
  revalidatePath("/");
  revalidatePath(`/articles/${article.slug}`);
  if (article.section) revalidatePath(`/sections/${article.section.slug}`);
}
