import "server-only";
import { formatDate } from "@/lib/domain/time";
import { db } from "./db";
import { mediaUrls } from "./media";
import { getPublication } from "./publication";

/** A card's photo: responsive sources from the library's renditions, its size, its alt text. */
export type CardImage = { src: string; srcSetWebp: string; srcSetAvif: string; width: number; height: number; alt: string };

/** The first figure of a story body as the editor renders it: its media id and its alt text. */
const FIRST_FIGURE = /<figure\b[^>]*\bdata-media-id="([a-z0-9]+)"[^>]*>\s*<img\b[^>]*?\balt="([^"]*)"/i;

function decodeAttribute(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" })[e] ?? _);
}

/**
 * Each story's card photo by story id: its lead image, or else the first figure of its body
 * (with that figure's alt text). Asked by id, in at most three small queries, so the list
 * queries that feed the cards need to carry neither the lead image nor the body.
 */
export async function findCardImages(articleIds: string[]): Promise<Map<string, CardImage>> {
  const images = new Map<string, CardImage>();
  if (articleIds.length === 0) return images;
  const leads = await db.article.findMany({
    where: { id: { in: articleIds } },
    select: { id: true, leadImage: { select: { alt: true, variants: true, width: true, height: true } } },
  });
  for (const { id, leadImage } of leads) {
    const urls = leadImage ? mediaUrls(leadImage) : null;
    if (leadImage && urls?.src) images.set(id, { ...urls, alt: leadImage.alt });
  }
  const rest = articleIds.filter((id) => !images.has(id));
  if (rest.length === 0) return images;
  const bodies = await db.article.findMany({ where: { id: { in: rest }, bodyHtml: { contains: "<figure" } }, select: { id: true, bodyHtml: true } });
  const figures = bodies.flatMap(({ id, bodyHtml }) => {
    const match = FIRST_FIGURE.exec(bodyHtml);
    return match ? [{ id, mediaId: match[1], alt: decodeAttribute(match[2]) }] : [];
  });
  if (figures.length === 0) return images;
  const media = await db.media.findMany({ where: { id: { in: figures.map((f) => f.mediaId) } }, select: { id: true, alt: true, variants: true, width: true, height: true } });
  const byId = new Map(media.map((m) => [m.id, m]));
  for (const figure of figures) {
    const found = byId.get(figure.mediaId);
    const urls = found ? mediaUrls(found) : null;
    if (found && urls?.src) images.set(figure.id, { ...urls, alt: figure.alt || found.alt });
  }
  return images;
}

/** Teaser data for the reader site, with dates in the publication's time zone and the photo. */
export async function toStoryCards(
  articles: { id: string; slug: string; headline: string; dek: string; section: { name: string; slug: string } | null; authors: { id: string; name: string }[]; publishedAt: string | null }[],
) {
  const [{ timeZone }, images] = await Promise.all([getPublication(), findCardImages(articles.map((a) => a.id))]);
  return articles.map((a) => ({
    slug: a.slug,
    headline: a.headline,
    dek: a.dek,
    section: a.section,
    authors: a.authors,
    publishedLabel: a.publishedAt ? formatDate(new Date(a.publishedAt), timeZone) : null,
    image: images.get(a.id) ?? null,
  }));
}
