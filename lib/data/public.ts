import "server-only";
import { formatDate } from "@/lib/domain/time";
import type { ArticleDto } from "./articles";
import { getPublication } from "./publication";

/** Teaser data for the reader site, with dates in the publication's time zone. */
export async function toStoryCards(articles: ArticleDto[]) {
  const { timeZone } = await getPublication();
  return articles.map((a) => ({
    slug: a.slug,
    headline: a.headline,
    dek: a.dek,
    section: a.section,
    authors: a.authors,
    publishedLabel: a.publishedAt ? formatDate(new Date(a.publishedAt), timeZone) : null,
  }));
}
