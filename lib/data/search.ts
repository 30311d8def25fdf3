import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { PUBLIC_STATUSES } from "@/lib/domain/workflow";
import type { TMediaUrls } from "@/lib/validation/media";
import { db, engine } from "./db";
import { queryRows } from "./raw";
import { mediaUrls } from "./media";

type Tx = Prisma.TransactionClient | typeof db;

/** The reader site's statuses as SQL parameters: `"status" IN (${publicStatuses()})`. */
function publicStatuses(): Prisma.Sql {
  return Prisma.join([...PUBLIC_STATUSES]);
}

/**
 * Keep the FTS5 index true to what is public: a story is indexed while it is public and removed
 * the moment it is not. Call inside the same transaction as the change.
 */
export async function syncSearchIndex(tx: Tx, articleId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "ArticleSearch" WHERE "articleId" = ${articleId}`;
  await tx.$executeRaw`INSERT INTO "ArticleSearch" ("articleId", "headline", "dek", "body")
    SELECT "id", "headline", "dek", "bodyText" FROM "Article" WHERE "id" = ${articleId} AND "status" IN (${publicStatuses()}) AND "noindex" = false`;
}

/** Rebuild the whole index (after a restore, or on start-up). */
export async function rebuildSearchIndex(tx: Tx = db): Promise<void> {
  await tx.$executeRaw`DELETE FROM "ArticleSearch"`;
  await tx.$executeRaw`INSERT INTO "ArticleSearch" ("articleId", "headline", "dek", "body")
    SELECT "id", "headline", "dek", "bodyText" FROM "Article" WHERE "status" IN (${publicStatuses()}) AND "noindex" = false`;
}

/**
 * A reader's words as a safe FTS5 query: every word must match (the last one as a prefix, so
 * results appear while typing); operators and quotes in the input are never interpreted.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.normalize("NFKC").match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 && w.length > 1 ? "*" : ""}`).join(" ");
}

export type SearchHit = { id: string; slug: string; headline: string; snippet: string; publishedAt: Date | null; section: string | null; leadImage: { alt: string; urls: TMediaUrls } | null };

/** A hit's row as the queries return it: the lead image's columns flat, from a LEFT JOIN. */
type HitRow = Omit<SearchHit, "publishedAt" | "leadImage"> & { publishedAt: Date | string | number | null; leadAlt: string | null; leadVariants: string | null; leadWidth: number | null; leadHeight: number | null };

function toHit({ leadAlt, leadVariants, leadWidth, leadHeight, ...row }: HitRow): SearchHit {
  const leadImage = leadVariants === null ? null : { alt: leadAlt ?? "", urls: mediaUrls({ variants: leadVariants, width: leadWidth ?? 0, height: leadHeight ?? 0 }) };
  return { ...row, publishedAt: row.publishedAt === null ? null : new Date(row.publishedAt), leadImage };
}

/** The lead image's columns of a hit (the card photo), joined on the page's rows only. */
const LEAD_COLUMNS = Prisma.sql`m."alt" AS "leadAlt", m."variants" AS "leadVariants", m."width" AS "leadWidth", m."height" AS "leadHeight"`;

/**
 * Ranked search over published stories (bm25, headline weighted highest). Snippets come back
 * with matches between \u0001 and \u0002 markers so the page can highlight them without HTML.
 *
 * A common word matches thousands of stories: the ranking and the count read only the FTS
 * index (rowid and bm25), and only the page's own rows load their story, address and snippet.
 * The index holds only public stories (syncSearchIndex); the status check on the page's rows is
 * a second guard.
 */
/**
 * The same words as a PostgreSQL tsquery: every word must match, the last one as a prefix.
 * Words are letters and digits only, so nothing in the input is interpreted as an operator.
 */
export function toTsQuery(input: string): string | null {
  const words = input.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  if (words.length === 0) return null;
  return words.map((w, i) => `'${w}'${i === words.length - 1 && w.length > 1 ? ":*" : ""}`).join(" & ");
}

/**
 * PostgreSQL: a tsvector over headline (A), dek (B) and body (C) with a GIN index
 * (prisma/postgres/extras.sql); ts_rank's weights {D, C, B, A} keep FTS5's 10 : 4 : 1 ratio, and
 * ts_headline marks the matches with the same \u0001 and \u0002 markers.
 */
/**
 * The PostgreSQL search of one page (exported for the query-plan test): the page is ranked from
 * the GIN index alone, then joined to its stories by primary key.
 */
export function searchSqlPg(query: string, limit: number, offset: number): Prisma.Sql {
  const options = "StartSel=\u0001, StopSel=\u0002, MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=…";
  return Prisma.sql`
    WITH "q" AS (SELECT to_tsquery('simple', ${query}) AS "tsq"),
    "ranked" AS (
      SELECT "articleId", ts_rank('{0, 0.1, 0.4, 1.0}', "document", "q"."tsq") AS "score" FROM "ArticleSearch", "q"
      WHERE "document" @@ "q"."tsq" ORDER BY "score" DESC, "articleId" LIMIT ${limit} OFFSET ${offset}
    )
    SELECT a."id", a."slug", a."headline", a."publishedAt", s."name" AS "section", ${LEAD_COLUMNS},
           ts_headline('simple', "ArticleSearch"."body", "q"."tsq", ${options}) AS "snippet"
    FROM "ranked" CROSS JOIN "q"
    JOIN "ArticleSearch" ON "ArticleSearch"."articleId" = "ranked"."articleId"
    JOIN "Article" a ON a."id" = "ranked"."articleId"
    LEFT JOIN "Section" s ON s."id" = a."sectionId"
    LEFT JOIN "Media" m ON m."id" = a."leadImageId"
    WHERE a."status"::text IN (${publicStatuses()})
    ORDER BY "ranked"."score" DESC, "ranked"."articleId"`;
}

async function searchPublishedPg(q: string, limit: number, offset: number): Promise<{ hits: SearchHit[]; total: number }> {
  const query = toTsQuery(q);
  if (!query) return { hits: [], total: 0 };
  const rows = await queryRows<HitRow>(db, searchSqlPg(query, limit, offset));
  const [{ n }] = await queryRows<{ n: number | bigint }>(db, Prisma.sql`SELECT count(*) AS "n" FROM "ArticleSearch" WHERE "document" @@ to_tsquery('simple', ${query})`);
  return { hits: rows.map(toHit), total: Number(n) };
}

/**
 * The SQLite search of one page (exported for the query-plan test). The page's rows are joined
 * back to the FTS table by rowid with a CROSS JOIN, which fixes the join order: left to the
 * planner, the second MATCH (needed for snippet()) was run as a scan of every match, once per
 * row of the page (390 ms for a word in 10,000 stories, against 25 ms).
 */
export function searchSql(query: string, limit: number, offset: number): Prisma.Sql {
  return Prisma.sql`
    WITH "ranked" AS (
      SELECT "rowid" AS "rid", bm25("ArticleSearch", 0.0, 10.0, 4.0, 1.0) AS "score" FROM "ArticleSearch"
      WHERE "ArticleSearch" MATCH ${query} ORDER BY "score" LIMIT ${limit} OFFSET ${offset}
    ),
    "hit" AS (
      SELECT "ranked"."rid", "ranked"."score", f."articleId", snippet("ArticleSearch", 3, char(1), char(2), '…', 24) AS "snippet"
      FROM "ranked" CROSS JOIN "ArticleSearch" f ON f."rowid" = "ranked"."rid"
      WHERE f."ArticleSearch" MATCH ${query}
    )
    SELECT a."id", a."slug", a."headline", a."publishedAt", s."name" AS "section", ${LEAD_COLUMNS}, "hit"."snippet"
    FROM "hit"
    JOIN "Article" a ON a."id" = "hit"."articleId"
    LEFT JOIN "Section" s ON s."id" = a."sectionId"
    LEFT JOIN "Media" m ON m."id" = a."leadImageId"
    WHERE a."status" IN (${publicStatuses()})
    ORDER BY "hit"."score"`;
}

export async function searchPublished({ q, limit = 20, offset = 0 }: { q: string; limit?: number; offset?: number }): Promise<{ hits: SearchHit[]; total: number }> {
  if (engine === "postgres") return searchPublishedPg(q, limit, offset);
  const query = toFtsQuery(q);
  if (!query) return { hits: [], total: 0 };
  const rows = await queryRows<HitRow>(db, searchSql(query, limit, offset));
  const [{ n }] = await queryRows<{ n: number | bigint }>(db, Prisma.sql`SELECT count(*) AS "n" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH ${query}`);
  return { hits: rows.map(toHit), total: Number(n) };
}
