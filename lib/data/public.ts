import "server-only";
import { bylineDetail, publicName } from "@/lib/domain/byline";
import { formatDate } from "@/lib/domain/time";
import { STATUS } from "@/lib/domain/workflow";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TMediaUrls, TPublicMedia } from "@/lib/validation/media";
import { UNRENDERED_HTML } from "@/lib/domain/working-copy";
import type { ArticleAuthorDto, LiveStoryRow } from "./articles";
import { db } from "./db";
import { queryRows } from "./raw";
import { mediaUrls } from "./media";
import { getPublication, type PublicationSettings } from "./publication";

/** A card's photo: responsive sources from the library's renditions, its size, its alt text. */
export type CardImage = { src: string; srcSetWebp: string; srcSetAvif: string; width: number; height: number; alt: string };

/** The first figure of a story body as the editor renders it: its media id and its alt text. */
const FIRST_FIGURE = /<figure\b[^>]*\bdata-media-id="([a-z0-9]+)"[^>]*>\s*<img\b[^>]*?\balt="([^"]*)"/i;

function decodeAttribute(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" })[e] ?? _);
}

/** What a card's photo is chosen from: the story's lead image as its listing already loaded it. */
export type CardImageSource = { id: string; leadImage: { alt: string; urls: TMediaUrls } | null };

/**
 * Each story's card photo by story id: its lead image (already in the listing's row, see
 * `cardSelect`), or else the first figure of its body (with that figure's alt text). Only the
 * stories without a usable lead image are looked up: at most two small queries, so the list
 * queries that feed the cards never need to carry the body.
 */
export async function findCardImages(stories: CardImageSource[]): Promise<Map<string, CardImage>> {
  const images = new Map<string, CardImage>();
  for (const { id, leadImage } of stories) if (leadImage?.urls.src) images.set(id, { ...leadImage.urls, alt: leadImage.alt });
  const rest = stories.filter(({ id }) => !images.has(id)).map(({ id }) => id);
  if (rest.length === 0) return images;
  // Raw SQL: one of the few queries every listing makes, and Prisma compiles each on the event loop.
  const bodies = await queryRows<{ id: string; bodyHtml: string }>(db, Prisma.sql`SELECT "id", "bodyHtml" FROM "Article" WHERE "id" IN (${Prisma.join(rest)}) AND "bodyHtml" LIKE '%<figure%'`);
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


/**
 * Reader-site listings over an archive of any size. Rules that must always hold:
 * - a listing selects only what a card shows (never a body): `cardSelect`;
 * - every listing order is served by an index, scanned in order, so no listing sorts the
 *   archive (lib/data/listing-plans.test.ts checks the plans of `listingIdsSql`);
 * - newest first means `publishedAt DESC, id DESC` everywhere (one direction, so an index
 *   scanned backwards serves both keys); author and tag pages use the byline's and tag's
 *   `listedAt`, the story's publishedAt copied there by triggers while it is published.
 */

export const cardSelect = {
  id: true,
  slug: true,
  headline: true,
  dek: true,
  publishedAt: true,
  updatedAt: true,
  noindex: true,
  section: { select: { id: true, name: true, slug: true } },
  leadImage: { select: { id: true, alt: true, caption: true, credit: true, variants: true, width: true, height: true } },
  authors: {
    orderBy: { position: "asc" },
    select: { person: { select: { id: true, slug: true, fullName: true, penName: true, penNameApproved: true, nameDisplay: true, graduationYear: true, title: true } } },
  },
} satisfies Prisma.ArticleSelect;

type CardRow = Prisma.ArticleGetPayload<{ select: typeof cardSelect }>;

/** A published story as a listing knows it: everything a card shows, no body. */
export type ListedStory = {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  publishedAt: string | null;
  updatedAt: string;
  noindex: boolean;
  section: { id: string; name: string; slug: string } | null;
  authors: ArticleAuthorDto[];
  leadImage: TPublicMedia | null;
};

function toListedStory(row: CardRow, pub: PublicationSettings, now: Date): ListedStory {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    noindex: row.noindex,
    section: row.section,
    authors: row.authors.map(({ person }) => ({
      id: person.id,
      slug: person.slug,
      name: publicName(person, pub.nameDisplayDefault),
      detail: bylineDetail(person, now, pub.schoolYearStartMonth),
    })),
    leadImage: row.leadImage
      ? { id: row.leadImage.id, alt: row.leadImage.alt, caption: row.leadImage.caption, credit: row.leadImage.credit, urls: mediaUrls(row.leadImage) }
      : null,
  };
}

/**
 * A page's card rows in two plain queries, by primary key (exported for the query-plan test):
 * the stories with their section and lead image joined, then their bylines. Raw SQL on purpose:
 * through Prisma's relation loading a page of twelve cards took five queries, each compiled on
 * the event loop (about 30 ms per page on the shared machine, the most expensive part of a
 * listing). The status is selected and checked by the caller, never put beside `id IN (…)`:
 * with it SQLite chose the status index and read every published story of the archive.
 */
export function cardRowsSql(ids: string[]): { stories: Prisma.Sql; bylines: Prisma.Sql } {
  const list = Prisma.join(ids);
  return {
    stories: Prisma.sql`SELECT a."id", a."slug", a."headline", a."dek", a."publishedAt", a."updatedAt", a."noindex", a."status",
        s."id" AS "sectionId", s."name" AS "sectionName", s."slug" AS "sectionSlug",
        m."id" AS "leadId", m."alt" AS "leadAlt", COALESCE(a."leadImageCaption", m."caption") AS "leadCaption", m."credit" AS "leadCredit", m."variants" AS "leadVariants", m."width" AS "leadWidth", m."height" AS "leadHeight"
      FROM "Article" a
      LEFT JOIN "Section" s ON s."id" = a."sectionId"
      LEFT JOIN "Media" m ON m."id" = a."leadImageId"
      WHERE a."id" IN (${list})`,
    bylines: Prisma.sql`SELECT aa."articleId", p."id", p."slug", p."fullName", p."penName", p."penNameApproved", p."nameDisplay", p."graduationYear", p."title"
      FROM "ArticleAuthor" aa JOIN "Person" p ON p."id" = aa."personId"
      WHERE aa."articleId" IN (${list})
      ORDER BY aa."articleId", aa."position"`,
  };
}

type RawDate = Date | string | number;
type RawStory = {
  id: string; slug: string; headline: string; dek: string; publishedAt: RawDate | null; updatedAt: RawDate; noindex: boolean | number; status: string;
  sectionId: string | null; sectionName: string | null; sectionSlug: string | null;
  leadId: string | null; leadAlt: string | null; leadCaption: string | null; leadCredit: string | null; leadVariants: string | null; leadWidth: number | null; leadHeight: number | null;
};
export type RawByline = { articleId: string; penNameApproved: boolean | number; graduationYear: number | bigint | null } & Omit<CardRow["authors"][number]["person"], "penNameApproved" | "graduationYear">;

/** Bylines by story, in byline order (rows come ordered by story and position). */
export function groupBylines(bylines: RawByline[]): Map<string, CardRow["authors"]> {
  const byStory = new Map<string, CardRow["authors"]>();
  for (const { articleId, penNameApproved, graduationYear, ...person } of bylines) {
    const list = byStory.get(articleId) ?? [];
    list.push({ person: { ...person, penNameApproved: Boolean(penNameApproved), graduationYear: graduationYear === null ? null : Number(graduationYear) } });
    byStory.set(articleId, list);
  }
  return byStory;
}

function sectionOf(r: RawStory): CardRow["section"] {
  return r.sectionId === null ? null : { id: r.sectionId, name: r.sectionName ?? "", slug: r.sectionSlug ?? "" };
}

function leadImageOf(r: RawStory): CardRow["leadImage"] {
  return r.leadId === null
    ? null
    : { id: r.leadId, alt: r.leadAlt ?? "", caption: r.leadCaption ?? "", credit: r.leadCredit ?? "", variants: r.leadVariants ?? "[]", width: Number(r.leadWidth ?? 0), height: Number(r.leadHeight ?? 0) };
}

/** Card rows (the shape `cardSelect` gives) of the published stories among `ids`. */
async function findCardRows(ids: string[]): Promise<CardRow[]> {
  const sql = cardRowsSql(ids);
  const [stories, bylines] = await Promise.all([queryRows<RawStory>(db, sql.stories), queryRows<RawByline>(db, sql.bylines)]);
  const byStory = groupBylines(bylines);
  return stories
    .filter((r) => r.status === STATUS.PUBLISHED)
    .map((r) => ({
      id: r.id,
      slug: r.slug,
      headline: r.headline,
      dek: r.dek,
      publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt),
      updatedAt: new Date(r.updatedAt),
      noindex: Boolean(r.noindex),
      section: sectionOf(r),
      leadImage: leadImageOf(r),
      authors: byStory.get(r.id) ?? [],
    }));
}

type RawLiveStory = RawStory & {
  bodyHtml: string; bodyJson: string; version: number | bigint; wordCount: number | bigint; pinRank: number | bigint | null;
  createdById: string; createdAt: RawDate; liveUpdatedAt: RawDate | null; publishAt: RawDate | null;
};

/**
 * Whole stories with what readers see beside them, as plain SQL by a unique key (exported for
 * the query-plan test): the story with its section and lead image joined, its tags, its
 * bylines. Three statements where Prisma's include took nine, each compiled on the event loop.
 * The stored document is read only when the HTML was never rendered.
 */
export function liveStoriesSql(key: { slug: string } | { ids: string[] }): { stories: Prisma.Sql; tags: (ids: string[]) => Prisma.Sql; bylines: (ids: string[]) => Prisma.Sql } {
  const where = "slug" in key ? Prisma.sql`a."slug" = ${key.slug}` : Prisma.sql`a."id" IN (${Prisma.join(key.ids)})`;
  return {
    stories: Prisma.sql`SELECT a."id", a."slug", a."headline", a."dek", a."publishedAt", a."updatedAt", a."noindex", a."status",
        a."bodyHtml", CASE WHEN a."bodyHtml" = ${UNRENDERED_HTML} THEN a."bodyJson" ELSE '' END AS "bodyJson",
        a."version", a."wordCount", a."pinRank", a."createdById", a."createdAt", a."liveUpdatedAt", a."publishAt",
        s."id" AS "sectionId", s."name" AS "sectionName", s."slug" AS "sectionSlug",
        m."id" AS "leadId", m."alt" AS "leadAlt", COALESCE(a."leadImageCaption", m."caption") AS "leadCaption", m."credit" AS "leadCredit", m."variants" AS "leadVariants", m."width" AS "leadWidth", m."height" AS "leadHeight"
      FROM "Article" a
      LEFT JOIN "Section" s ON s."id" = a."sectionId"
      LEFT JOIN "Media" m ON m."id" = a."leadImageId"
      WHERE ${where}`,
    tags: (ids) => Prisma.sql`SELECT tg."articleId", t."name", t."slug" FROM "ArticleTag" tg JOIN "Tag" t ON t."id" = tg."tagId"
      WHERE tg."articleId" IN (${Prisma.join(ids)}) ORDER BY tg."articleId", t."name"`,
    bylines: (ids) => cardRowsSql(ids).bylines,
  };
}

/** Published stories by slug or ids, whole, in the shape toArticleDto reads (any other status is left out). */
export async function findLiveStoryRows(key: { slug: string } | { ids: string[] }): Promise<LiveStoryRow[]> {
  if ("ids" in key && key.ids.length === 0) return [];
  const sql = liveStoriesSql(key);
  const stories = (await queryRows<RawLiveStory>(db, sql.stories)).filter((r) => r.status === STATUS.PUBLISHED);
  if (stories.length === 0) return [];
  const ids = stories.map((r) => r.id);
  const [tags, bylines] = await Promise.all([queryRows<{ articleId: string; name: string; slug: string }>(db, sql.tags(ids)), queryRows<RawByline>(db, sql.bylines(ids))]);
  const tagsOf = new Map<string, LiveStoryRow["tags"]>();
  for (const { articleId, name, slug } of tags) tagsOf.set(articleId, [...(tagsOf.get(articleId) ?? []), { tag: { name, slug } }]);
  const bylinesOf = groupBylines(bylines);
  const date = (v: RawDate | null) => (v === null ? null : new Date(v));
  return stories.map((r) => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    dek: r.dek,
    bodyHtml: r.bodyHtml,
    bodyJson: r.bodyJson,
    status: r.status as LiveStoryRow["status"],
    version: Number(r.version),
    wordCount: Number(r.wordCount),
    pinRank: r.pinRank === null ? null : Number(r.pinRank),
    noindex: Boolean(r.noindex),
    createdById: r.createdById,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    liveUpdatedAt: date(r.liveUpdatedAt),
    publishedAt: date(r.publishedAt),
    publishAt: date(r.publishAt),
    section: sectionOf(r),
    leadImage: leadImageOf(r),
    // The query already gives the story's own caption in place of the library's (COALESCE).
    leadImageCaption: null,
    tags: tagsOf.get(r.id) ?? [],
    authors: bylinesOf.get(r.id) ?? [],
  }));
}

/** Card data for these published stories, in the order of `ids` (any other id is left out). */
export async function findStoriesByIds(ids: string[]): Promise<ListedStory[]> {
  if (ids.length === 0) return [];
  const [rows, pub] = await Promise.all([findCardRows(ids), getPublication()]);
  const now = new Date();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toListedStory(row, pub, now)] : [];
  });
}

/** What a listing lists: the whole paper, a section, a tag or a byline (by slug or id). */
export type ListingScope = { sectionSlug?: string; sectionId?: string; tagSlug?: string; tagId?: string; authorPersonId?: string };

/**
 * The ids of one page of published stories, newest first, as SQL (exported for the query-plan
 * test). Each scope reads one index in order and stops after `limit + offset` entries.
 */
export function listingIdsSql(scope: ListingScope, { limit, offset = 0, excludeIds = [] }: { limit: number; offset?: number; excludeIds?: string[] }): Prisma.Sql {
  const page = Prisma.sql`LIMIT ${limit} OFFSET ${offset}`;
  if (scope.tagSlug !== undefined || scope.tagId !== undefined) {
    const tag = scope.tagId !== undefined ? Prisma.sql`${scope.tagId}` : Prisma.sql`(SELECT "id" FROM "Tag" WHERE "slug" = ${scope.tagSlug})`;
    return Prisma.sql`SELECT "articleId" AS "id", "listedAt" AS "publishedAt" FROM "ArticleTag" WHERE "tagId" = ${tag} AND "listedAt" IS NOT NULL ORDER BY "listedAt" DESC, "articleId" DESC ${page}`;
  }
  if (scope.authorPersonId !== undefined) {
    return Prisma.sql`SELECT "articleId" AS "id", "listedAt" AS "publishedAt" FROM "ArticleAuthor" WHERE "personId" = ${scope.authorPersonId} AND "listedAt" IS NOT NULL ORDER BY "listedAt" DESC, "articleId" DESC ${page}`;
  }
  const exclude = excludeIds.length ? Prisma.sql`AND "id" NOT IN (${Prisma.join(excludeIds)})` : Prisma.empty;
  if (scope.sectionSlug !== undefined || scope.sectionId !== undefined) {
    const section = scope.sectionId !== undefined ? Prisma.sql`${scope.sectionId}` : Prisma.sql`(SELECT "id" FROM "Section" WHERE "slug" = ${scope.sectionSlug})`;
    return Prisma.sql`SELECT "id", "publishedAt" FROM "Article" WHERE "sectionId" = ${section} AND "status" = ${STATUS.PUBLISHED} ${exclude} ORDER BY "publishedAt" DESC, "id" DESC ${page}`;
  }
  return Prisma.sql`SELECT "id", "publishedAt" FROM "Article" WHERE "status" = ${STATUS.PUBLISHED} ${exclude} ORDER BY "publishedAt" DESC, "id" DESC ${page}`;
}

/** How many stories `scope` lists (read from the same index as the listing). */
export function listingCountSql(scope: ListingScope): Prisma.Sql {
  if (scope.tagSlug !== undefined || scope.tagId !== undefined) {
    const tag = scope.tagId !== undefined ? Prisma.sql`${scope.tagId}` : Prisma.sql`(SELECT "id" FROM "Tag" WHERE "slug" = ${scope.tagSlug})`;
    return Prisma.sql`SELECT count(*) AS "n" FROM "ArticleTag" WHERE "tagId" = ${tag} AND "listedAt" IS NOT NULL`;
  }
  if (scope.authorPersonId !== undefined) return Prisma.sql`SELECT count(*) AS "n" FROM "ArticleAuthor" WHERE "personId" = ${scope.authorPersonId} AND "listedAt" IS NOT NULL`;
  if (scope.sectionSlug !== undefined || scope.sectionId !== undefined) {
    const section = scope.sectionId !== undefined ? Prisma.sql`${scope.sectionId}` : Prisma.sql`(SELECT "id" FROM "Section" WHERE "slug" = ${scope.sectionSlug})`;
    return Prisma.sql`SELECT count(*) AS "n" FROM "Article" WHERE "sectionId" = ${section} AND "status" = ${STATUS.PUBLISHED}`;
  }
  return Prisma.sql`SELECT count(*) AS "n" FROM "Article" WHERE "status" = ${STATUS.PUBLISHED}`;
}

type IdRow = { id: string; publishedAt: Date | string | number | null };

/** One page of ids (with their sort date) for `scope`. */
export async function listListingIds(scope: ListingScope, page: { limit: number; offset?: number; excludeIds?: string[] }): Promise<IdRow[]> {
  return queryRows<IdRow>(db, listingIdsSql(scope, page));
}

/** One page of published stories as cards' data, newest first, and how many there are in all. */
export async function listPublishedCards({ limit = 20, offset = 0, ...scope }: ListingScope & { limit?: number; offset?: number } = {}): Promise<{ articles: ListedStory[]; total: number }> {
  const [ids, [{ n }]] = await Promise.all([listListingIds(scope, { limit, offset }), queryRows<{ n: number | bigint }>(db, listingCountSql(scope))]);
  return { articles: await findStoriesByIds(ids.map((r) => r.id)), total: Number(n) };
}

/** The fields of a story a card needs (a ListedStory or a whole ArticleDto). */
type CardSource = Pick<ListedStory, "id" | "slug" | "headline" | "dek" | "section" | "authors" | "publishedAt" | "leadImage">;

/** Teaser data for the reader site, with dates in the publication's time zone and the photo. */
export async function toStoryCards(articles: CardSource[]) {
  const [{ timeZone }, images] = await Promise.all([getPublication(), findCardImages(articles)]);
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

/** Stories per page of a section, tag or author listing. */
export const LISTING_PAGE_SIZE = 12;

/**
 * Page `page` (1-based) of a section, tag or author listing as cards, with the number of pages;
 * null when the page lies past the last one (page 1 of an empty listing is not past the end).
 */
export async function findListingPage(scope: ListingScope, page: number) {
  const { articles, total } = await listPublishedCards({ ...scope, limit: LISTING_PAGE_SIZE, offset: (page - 1) * LISTING_PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / LISTING_PAGE_SIZE));
  if (page > pages) return null;
  return { cards: await toStoryCards(articles), total, page, pages };
}

/** The sitemap protocol's limit of addresses per sitemap file. */
export const SITEMAP_MAX_URLS = 50_000;

/** How many stories the sitemaps list (published, not noindex). */
export async function countSitemapStories(): Promise<number> {
  const [{ n }] = await queryRows<{ n: number | bigint }>(db, Prisma.sql`SELECT count(*) AS "n" FROM "Article" WHERE "status" = ${STATUS.PUBLISHED} AND "noindex" = false`);
  return Number(n);
}

/**
 * Story sitemap `n` (1-based): oldest first, so earlier files stay the same as the paper grows.
 * Read from a covering index: 50,000 addresses never touch a story's row or body.
 */
export function sitemapStoriesSql({ n, perSitemap = SITEMAP_MAX_URLS }: { n: number; perSitemap?: number }): Prisma.Sql {
  return Prisma.sql`SELECT "slug", "updatedAt" FROM "Article" WHERE "status" = ${STATUS.PUBLISHED} AND "noindex" = false
    ORDER BY "publishedAt" ASC, "id" ASC LIMIT ${perSitemap} OFFSET ${(n - 1) * perSitemap}`;
}

export async function listSitemapStories(page: { n: number; perSitemap?: number }): Promise<{ slug: string; updatedAt: Date }[]> {
  const rows = await queryRows<{ slug: string; updatedAt: Date | string | number }>(db, sitemapStoriesSql(page));
  return rows.map((r) => ({ slug: r.slug, updatedAt: new Date(r.updatedAt) }));
}
