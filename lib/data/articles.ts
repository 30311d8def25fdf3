import "server-only";
import { cache } from "react";
import { type Actor, can, type ArticleFacts } from "@/lib/auth/policy";
import { bylineDetail, publicName } from "@/lib/domain/byline";
import { distinctSlug, shortHash, slugify, uniqueSlug } from "@/lib/domain/slug";
import { type ArticleStatus, PUBLIC_STATUSES, REVIEW_QUEUE_STATUSES, STATUS } from "@/lib/domain/workflow";
import { currentText, hasPendingChanges, type LeadImageWithCaption, UNRENDERED_HTML, workingCopyOf } from "@/lib/domain/working-copy";
import { checkBodyDoc } from "@/lib/editor/body-doc";
import { docFromHtml, renderBodyFromDoc, renderBodyFromHtml, renderBodyFromJson, renderStoredHtml, type StoredBody, storedBodyFromDoc, storedBodyFromJson } from "@/lib/editor/render";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TArticleCreate, TArticleFilter } from "@/lib/validation/article";
import type { TPublicMedia } from "@/lib/validation/media";
import { db, engine } from "./db";
import { queryRows, executeSql } from "./raw";
import { figuresIn, hydrateFigures, mediaUrls } from "./media";
import { cardRowsSql, findLiveStoryRows, findStoriesByIds, groupBylines, type ListedStory, type ListingScope, listingCountSql, listListingIds, type RawByline } from "./public";
import { getPublication, type PublicationSettings } from "./publication";

type Tx = Prisma.TransactionClient;

/** Consecutive saves by one person within this window fold into one revision. */
export const REVISION_FOLD_MS = 5 * 60 * 1000;

const sectionSelect = { select: { id: true, name: true, slug: true } } as const;
const tagsSelect = { select: { tag: { select: { name: true, slug: true } } }, orderBy: { tag: { name: "asc" } } } as const;
const leadImageSelect = { select: { id: true, alt: true, caption: true, credit: true, variants: true, width: true, height: true } } as const;
const authorsSelect = {
  orderBy: { position: "asc" },
  select: {
    person: {
      select: { id: true, slug: true, fullName: true, penName: true, penNameApproved: true, nameDisplay: true, graduationYear: true, title: true },
    },
  },
} as const;

/** What readers' pages load with a story: no working copy. */
export const liveArticleInclude = {
  section: sectionSelect,
  tags: tagsSelect,
  assignees: { select: { role: true, user: { select: { id: true, personId: true } } } },
  leadImage: leadImageSelect,
  authors: authorsSelect,
} satisfies Prisma.ArticleInclude;

export const articleInclude = {
  ...liveArticleInclude,
  // A live story's working copy shows its own (lib/domain/working-copy.ts Beside).
  draftSection: sectionSelect,
  draftTags: tagsSelect,
  draftLeadImage: leadImageSelect,
  draftAuthors: authorsSelect,
} satisfies Prisma.ArticleInclude;

export type ArticleRow = Prisma.ArticleGetPayload<{ include: typeof articleInclude }>;

export type ArticleAuthorDto = { id: string; slug: string; name: string; detail: string | null };
export type ArticleDto = {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  body: string;
  status: ArticleStatus;
  version: number;
  wordCount: number;
  section: { id: string; name: string; slug: string } | null;
  tags: { name: string; slug: string }[];
  authors: ArticleAuthorDto[];
  pinRank: number | null;
  noindex: boolean;
  leadImage: TPublicMedia | null;
  createdById: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishAt: string | null;
};

export function toAuthorDtos(row: Pick<ArticleRow, "authors">, pub: PublicationSettings, now = new Date()): ArticleAuthorDto[] {
  return row.authors.map(({ person }) => ({
    id: person.id,
    slug: person.slug,
    name: publicName(person, pub.nameDisplayDefault),
    detail: bylineDetail(person, now, pub.schoolYearStartMonth),
  }));
}

/**
 * The public shape of a story: never an email, never raw rows. It carries the LIVE text (what
 * readers, feeds, search and the PDF see) and, as `updatedAt`, when that text last changed; the
 * newsroom's shape with the working copy is toEditorArticleDto.
 */
/** A story row without its working copy's relations (public reads do not load them). */
export type LiveArticleRow = Omit<ArticleRow, "draftSection" | "draftTags" | "draftLeadImage" | "draftAuthors">;

/** What toArticleDto reads of a story (findLiveStoryRows in ./public gives exactly this). */
export type LiveStoryRow = Pick<
  LiveArticleRow,
  "id" | "slug" | "headline" | "dek" | "bodyHtml" | "bodyJson" | "status" | "version" | "wordCount" | "section" | "tags" | "authors" | "pinRank" | "noindex" | "leadImage" | "leadImageCaption" | "createdById" | "createdAt" | "liveUpdatedAt" | "updatedAt" | "publishedAt" | "publishAt"
>;

export function toArticleDto(row: LiveStoryRow, pub: PublicationSettings): ArticleDto {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    body: htmlOf(row.bodyHtml, row.bodyJson),
    status: row.status,
    version: row.version,
    wordCount: row.wordCount,
    section: row.section,
    tags: row.tags.map((t) => t.tag),
    authors: toAuthorDtos(row, pub),
    pinRank: row.pinRank,
    noindex: row.noindex,
    // The story's own caption for its photo when it has one, else the library's.
    leadImage: row.leadImage
      ? { id: row.leadImage.id, alt: row.leadImage.alt, caption: row.leadImageCaption ?? row.leadImage.caption, credit: row.leadImage.credit, urls: mediaUrls(row.leadImage) }
      : null,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: (row.liveUpdatedAt ?? row.updatedAt).toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishAt: row.publishAt?.toISOString() ?? null,
  };
}

/** The newsroom's (and the API's) story: the working copy as its text, and the live text beside it while they differ. */
export type EditorArticleDto = ArticleDto & {
  pendingChanges: boolean;
  live?: Pick<ArticleDto, "headline" | "dek" | "body" | "section" | "tags" | "leadImage" | "authors">;
};

/**
 * A story as the people who work on it see it: headline, dek and body are the working copy
 * (working copy ?? live, lib/domain/working-copy.ts), `updatedAt` is the last save, and while the
 * working copy differs from what readers see, `pendingChanges` is true and `live` holds the latter.
 */
export function toEditorArticleDto(row: EditorStoryRow, pub: PublicationSettings): EditorArticleDto {
  const text = currentText(row);
  const pendingChanges = hasPendingChanges(row);
  const live = toArticleDto(row, pub);
  // The working copy's section, tags, lead image and bylines (a whole set while it exists).
  const working = workingCopyOf(row)
    ? toArticleDto({ ...row, section: row.draftSection, tags: row.draftTags, leadImage: row.draftLeadImage, leadImageCaption: row.draftLeadImageCaption, authors: row.draftAuthors }, pub)
    : live;
  return {
    ...live,
    section: working.section,
    tags: working.tags,
    leadImage: working.leadImage,
    authors: working.authors,
    headline: text.headline,
    dek: text.dek,
    body: htmlOf(text.bodyHtml, text.bodyJson),
    wordCount: text.wordCount,
    updatedAt: row.updatedAt.toISOString(),
    pendingChanges,
    ...(pendingChanges ? { live: { headline: live.headline, dek: live.dek, body: live.body, section: live.section, tags: live.tags, leadImage: live.leadImage, authors: live.authors } } : {}),
  };
}

/** Ownership for the policy: bylines and assignees (photographers too) work on the story. */
export function factsOf(row: {
  status: ArticleStatus;
  createdById: string;
  assignedById?: string | null;
  authors: { person: { id: string } }[];
  assignees?: { user: { personId: string } }[];
}): ArticleFacts {
  const people = [...row.authors.map((a) => a.person.id), ...(row.assignees ?? []).map((a) => a.user.personId)];
  return { status: row.status, createdById: row.createdById, assignedById: row.assignedById ?? null, authorPersonIds: [...new Set(people)] };
}

/** Rows the actor may see, as a where clause (ownership in the query, not only in a check). */
export function visibleTo(actor: Actor): Prisma.ArticleWhereInput {
  // The scheduler sees what it may publish (lib/auth/policy.ts SYSTEM_ACTOR).
  if (actor.system) return { status: STATUS.SCHEDULED };
  if (actor.role === "ADVISER" || actor.role === "ADMIN") return {};
  const own: Prisma.ArticleWhereInput[] = [
    { createdById: actor.userId },
    { authors: { some: { personId: actor.personId } } },
    { assignees: { some: { userId: actor.userId } } },
  ];
  // An editor follows the drafts they assigned (lib/auth/policy.ts canView).
  if (actor.role === "EDITOR") return { OR: [...own, { status: { not: STATUS.DRAFT } }, { assignedById: actor.userId }] };
  return { OR: [...own, { status: { in: [...PUBLIC_STATUSES] } }] };
}

/** Load a story the actor may view, or throw NOT_FOUND (a hidden draft looks like no draft). */
export async function findArticleForActor({ id, actor, tx }: { id: string; actor: Actor; tx?: Tx }): Promise<ArticleRow> {
  // Read by key, then the policy decides (visibleTo says the same as SQL, for lists: visible-to.test.ts).
  const row = await findArticleRow({ id, tx });
  if (!row || !can(actor, "view", factsOf(row))) throw notFound();
  return row;
}

/**
 * A story as the newsroom and the API show it (toEditorArticleDto), or NOT_FOUND. Its HTML is
 * rendered here if saves left it unrendered, and kept (withRenderedBody).
 */
export async function findEditorArticle({ id, actor }: { id: string; actor: Actor }): Promise<EditorArticleDto> {
  const [row, pub] = await Promise.all([findArticleForActor({ id, actor }), getPublication()]);
  return toEditorArticleDto(await withRenderedBody(row), pub);
}

/** One page of the newsroom's lists (and the API's): most recently updated first. */
export const NEWSROOM_PAGE_SIZE = 50;

/** An opaque position in a newsroom list: after this (updatedAt, id). */
export function encodeArticleCursor(row: { updatedAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.updatedAt.toISOString(), row.id])).toString("base64url");
}

/** The position a cursor names, or VALIDATION (a cursor is only ever one this list gave out). */
export function decodeArticleCursor(cursor: string): { updatedAt: Date; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "string" && value[1].length <= 64) {
      const updatedAt = new Date(value[0]);
      if (!Number.isNaN(updatedAt.getTime())) return { updatedAt, id: value[1] };
    }
  } catch {
    // fall through to the refusal
  }
  throw new AppError("VALIDATION", "Invalid cursor.", { fields: { cursor: "This is not a cursor from this list: use the nextCursor of the previous page, or leave it out to start at the newest." } });
}

/**
 * `visibleTo(actor)` as SQL over `"Article" a`, for the newsroom's plain-SQL lists. It must say
 * exactly what visibleTo says (lib/auth/policy.ts canView): visible-to.test.ts checks both
 * against the policy over random actors and stories.
 */
export function visibleToSql(actor: Actor): Prisma.Sql {
  if (actor.system) return Prisma.sql`a."status" = ${STATUS.SCHEDULED}`;
  if (actor.role === "ADVISER" || actor.role === "ADMIN") return Prisma.sql`1 = 1`;
  const own = Prisma.sql`a."createdById" = ${actor.userId}
    OR EXISTS (SELECT 1 FROM "ArticleAuthor" va WHERE va."articleId" = a."id" AND va."personId" = ${actor.personId})
    OR EXISTS (SELECT 1 FROM "ArticleAssignee" vs WHERE vs."articleId" = a."id" AND vs."userId" = ${actor.userId})`;
  if (actor.role === "EDITOR") return Prisma.sql`(${own} OR a."status" <> ${STATUS.DRAFT} OR a."assignedById" = ${actor.userId})`;
  return Prisma.sql`(${own} OR a."status" IN (${Prisma.join([...PUBLIC_STATUSES])}))`;
}

/** A timestamp parameter compared with a DateTime column: SQLite keeps Prisma's ISO text, PostgreSQL a timestamp(3) in UTC. */
function sqlTimestamp(at: Date): Prisma.Sql {
  return engine === "postgres" ? Prisma.sql`CAST(${at.toISOString().slice(0, 23)} AS timestamp(3))` : Prisma.sql`${at.toISOString().replace("Z", "+00:00")}`;
}

type NewsroomListArgs = { actor: Actor; filter?: TArticleFilter; mine?: boolean; cursor?: string; limit?: number };

/**
 * One page of a newsroom list's ids, as plain SQL (exported for the query-plan test): the
 * stories the actor may see, filtered, ordered by (updatedAt, id) descending, which the
 * (updatedAt, id), (status, updatedAt, id), (sectionId, updatedAt, id) and
 * (sectionId, status, updatedAt, id) indexes serve, read in order and stopped after `limit`.
 * A cursor continues strictly after the last row of the previous page, so pages never overlap
 * or skip; the redundant `<=` lets the scan start at the cursor instead of the top. "Mine"
 * (creator, byline, assignee) is the union of three index lookups, a few hundred stories at most.
 */
export function newsroomIdsSql({ actor, filter = {}, mine = false, after, limit }: Omit<NewsroomListArgs, "cursor" | "limit"> & { after?: { updatedAt: Date; id: string }; limit: number }): Prisma.Sql {
  const where: Prisma.Sql[] = [visibleToSql(actor)];
  if (mine) {
    where.push(Prisma.sql`a."id" IN (SELECT "id" FROM "Article" WHERE "createdById" = ${actor.userId}
      UNION SELECT "articleId" FROM "ArticleAuthor" WHERE "personId" = ${actor.personId}
      UNION SELECT "articleId" FROM "ArticleAssignee" WHERE "userId" = ${actor.userId})`);
  }
  if (filter.status) where.push(Prisma.sql`a."status" = ${filter.status}`);
  if (filter.section) where.push(Prisma.sql`a."sectionId" = (SELECT "id" FROM "Section" WHERE "slug" = ${filter.section})`);
  if (after) {
    const at = sqlTimestamp(after.updatedAt);
    where.push(Prisma.sql`a."updatedAt" <= ${at} AND (a."updatedAt" < ${at} OR a."id" < ${after.id})`);
  }
  return Prisma.sql`SELECT a."id", a."updatedAt" FROM "Article" a WHERE ${Prisma.join(where, " AND ")} ORDER BY a."updatedAt" DESC, a."id" DESC LIMIT ${limit}`;
}

type RawDate = Date | string | number;
type IdAt = { id: string; updatedAt: RawDate };

/** One page of ids (limit + 1 read, to know whether another page follows) and the next page's cursor. */
async function newsroomPage({ limit = NEWSROOM_PAGE_SIZE, cursor, ...args }: NewsroomListArgs): Promise<{ ids: string[]; nextCursor: string | null }> {
  const after = cursor === undefined ? undefined : decodeArticleCursor(cursor);
  const rows = await queryRows<IdAt>(db, newsroomIdsSql({ ...args, after, limit: limit + 1 }));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { ids: page.map((r) => r.id), nextCursor: rows.length > limit && last ? encodeArticleCursor({ id: last.id, updatedAt: new Date(last.updatedAt) }) : null };
}

/** `rows` in the order of `ids` (a row missing from `rows` is left out). */
function inOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The columns toArticleDto reads of a lead image (leadImageSelect), as "<prefix>Id", "<prefix>Alt", ... (RawMedia). */
function mediaColumns(alias: string, prefix: string): Prisma.Sql {
  return Prisma.raw(["id", "alt", "caption", "credit", "variants", "width", "height"].map((c) => `${alias}."${c}" AS "${prefix}${c[0]!.toUpperCase()}${c.slice(1)}"`).join(", "));
}

/** A story's live and working-copy section and lead image, as columns of `storyJoins` (RawBeside). */
const besideColumns = Prisma.sql`s."id" AS "secId", s."name" AS "secName", s."slug" AS "secSlug", ds."id" AS "draftSecId", ds."name" AS "draftSecName", ds."slug" AS "draftSecSlug",
        ${mediaColumns("m", "lead")}, ${mediaColumns("dm", "draftLead")}`;

/** `"Article" a` with its live and working-copy section and lead image, each joined by primary key. */
const storyJoins = Prisma.sql`FROM "Article" a
      LEFT JOIN "Section" s ON s."id" = a."sectionId"
      LEFT JOIN "Section" ds ON ds."id" = a."draftSectionId"
      LEFT JOIN "Media" m ON m."id" = a."leadImageId"
      LEFT JOIN "Media" dm ON dm."id" = a."draftLeadImageId"`;

/** Stories' live (draft 0) and working-copy (draft 1) tags, each by name, by key. */
function storyTagsSql(list: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT tg."articleId", 0 AS "draft", t."name", t."slug" FROM "ArticleTag" tg JOIN "Tag" t ON t."id" = tg."tagId" WHERE tg."articleId" IN (${list})
      UNION ALL SELECT dt."articleId", 1 AS "draft", t."name", t."slug" FROM "ArticleDraftTag" dt JOIN "Tag" t ON t."id" = dt."tagId" WHERE dt."articleId" IN (${list})
      ORDER BY "articleId", "draft", "name"`;
}

/** Stories' live (draft 0) and working-copy (draft 1) bylines, each in byline order, by key. */
function storyBylinesSql(list: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT aa."articleId", 0 AS "draft", aa."position", p."id", p."slug", p."fullName", p."penName", p."penNameApproved", p."nameDisplay", p."graduationYear", p."title"
        FROM "ArticleAuthor" aa JOIN "Person" p ON p."id" = aa."personId" WHERE aa."articleId" IN (${list})
      UNION ALL SELECT da."articleId", 1 AS "draft", da."position", p."id", p."slug", p."fullName", p."penName", p."penNameApproved", p."nameDisplay", p."graduationYear", p."title"
        FROM "ArticleDraftAuthor" da JOIN "Person" p ON p."id" = da."personId" WHERE da."articleId" IN (${list})
      ORDER BY "articleId", "draft", "position"`;
}

/**
 * A page of the API list's stories by primary key, as plain SQL (exported for the query-plan
 * test): the stories with their live and working-copy section and lead image joined, then the
 * live and working-copy tags, then the live and working-copy bylines (each pair one statement).
 * Three statements where Prisma's include took nine, each compiled on the event loop.
 * A body's document travels only when some HTML of the story is unrendered (withRenderedBody
 * renders it, sameText compares documents then); the plain text (`bodyText`) never does, as the
 * API shows none: the working copy's is read only as whether it exists (workingCopyOf asks).
 */
export function editorStoriesSql(ids: string[]): { stories: Prisma.Sql; tags: Prisma.Sql; bylines: Prisma.Sql } {
  const list = Prisma.join(ids);
  const unrendered = Prisma.sql`(a."bodyHtml" = ${UNRENDERED_HTML} OR a."draftBodyHtml" = ${UNRENDERED_HTML})`;
  return {
    stories: Prisma.sql`SELECT a."id", a."slug", a."headline", a."dek", a."bodyHtml", CASE WHEN ${unrendered} THEN a."bodyJson" ELSE '' END AS "bodyJson",
        a."status", a."version", a."wordCount", a."pinRank", a."noindex", a."createdById", a."createdAt", a."updatedAt", a."liveUpdatedAt", a."publishedAt", a."publishAt",
        a."sectionId", a."leadImageId", a."leadImageCaption",
        a."draftHeadline", a."draftDek", a."draftBodyHtml", CASE WHEN a."draftBodyJson" IS NULL THEN NULL WHEN ${unrendered} THEN a."draftBodyJson" ELSE '' END AS "draftBodyJson",
        CASE WHEN a."draftBodyText" IS NULL THEN NULL ELSE '' END AS "draftBodyText", a."draftWordCount",
        a."draftSectionId", a."draftLeadImageId", a."draftLeadImageCaption",
        ${besideColumns}
      ${storyJoins}
      WHERE a."id" IN (${list})`,
    tags: storyTagsSql(list),
    bylines: storyBylinesSql(list),
  };
}

type RawInt = number | bigint;
type RawMedia = { Id: string | null; Alt: string | null; Caption: string | null; Credit: string | null; Variants: string | null; Width: RawInt | null; Height: RawInt | null };
type Prefixed<P extends string, T> = { [K in keyof T & string as `${P}${K}`]: T[K] };
/** The columns besideColumns adds to a story. */
type RawBeside = {
  secId: string | null; secName: string | null; secSlug: string | null; draftSecId: string | null; draftSecName: string | null; draftSecSlug: string | null;
} & Prefixed<"lead", RawMedia> & Prefixed<"draftLead", RawMedia>;
type RawEditorStory = {
  id: string; slug: string; headline: string; dek: string; bodyHtml: string; bodyJson: string; status: ArticleStatus; version: RawInt; wordCount: RawInt; pinRank: RawInt | null;
  noindex: boolean | number; createdById: string; createdAt: RawDate; updatedAt: RawDate; liveUpdatedAt: RawDate | null; publishedAt: RawDate | null; publishAt: RawDate | null;
  sectionId: string | null; leadImageId: string | null; leadImageCaption: string | null;
  draftHeadline: string | null; draftDek: string | null; draftBodyHtml: string | null; draftBodyJson: string | null; draftBodyText: string | null; draftWordCount: RawInt | null;
  draftSectionId: string | null; draftLeadImageId: string | null; draftLeadImageCaption: string | null;
} & RawBeside;
type RawTagOf = { articleId: string; draft: RawInt; name: string; slug: string };

/** What toEditorArticleDto reads of a story (findEditorStoryRows gives exactly this, an ArticleRow is one). */
export type EditorStoryRow = LiveStoryRow &
  Pick<ArticleRow, "bodyText" | "sectionId" | "leadImageId" | "draftSection" | "draftTags" | "draftLeadImage" | "draftAuthors" | "draftSectionId" | "draftLeadImageId" | "draftLeadImageCaption"> &
  Pick<ArticleRow, "draftHeadline" | "draftDek" | "draftBodyHtml" | "draftBodyJson" | "draftBodyText" | "draftWordCount">;

/** A lead image as leadImageSelect gives it, from the statement's prefixed columns. */
function mediaOf(m: RawMedia): ArticleRow["leadImage"] {
  return m.Id === null ? null : { id: m.Id, alt: m.Alt ?? "", caption: m.Caption ?? "", credit: m.Credit ?? "", variants: m.Variants ?? "[]", width: Number(m.Width ?? 0), height: Number(m.Height ?? 0) };
}

/** A story's live and working-copy section and lead image, from besideColumns. */
function besideOf(r: RawBeside): Pick<ArticleRow, "section" | "leadImage" | "draftSection" | "draftLeadImage"> {
  return {
    section: r.secId === null ? null : { id: r.secId, name: r.secName ?? "", slug: r.secSlug ?? "" },
    leadImage: mediaOf({ Id: r.leadId, Alt: r.leadAlt, Caption: r.leadCaption, Credit: r.leadCredit, Variants: r.leadVariants, Width: r.leadWidth, Height: r.leadHeight }),
    draftSection: r.draftSecId === null ? null : { id: r.draftSecId, name: r.draftSecName ?? "", slug: r.draftSecSlug ?? "" },
    draftLeadImage: mediaOf({ Id: r.draftLeadId, Alt: r.draftLeadAlt, Caption: r.draftLeadCaption, Credit: r.draftLeadCredit, Variants: r.draftLeadVariants, Width: r.draftLeadWidth, Height: r.draftLeadHeight }),
  };
}

type RawDraftByline = RawByline & { draft: RawInt; position: RawInt };

/** Tags and bylines (storyTagsSql, storyBylinesSql rows) by story, live and working copy apart. */
function tagsAndBylinesOf(tags: RawTagOf[], bylines: RawDraftByline[]): (id: string) => Pick<ArticleRow, "tags" | "authors" | "draftTags" | "draftAuthors"> {
  const tagsOf = new Map<string, ArticleRow["tags"]>();
  for (const { articleId, draft, name, slug } of tags) {
    const key = `${Number(draft)}:${articleId}`;
    tagsOf.set(key, [...(tagsOf.get(key) ?? []), { tag: { name, slug } }]);
  }
  // Live bylines, then the working copy's, each already in byline order.
  const [live, draft] = [0, 1].map((d) => bylines.filter((b) => Number(b.draft) === d).map(({ articleId, id, slug, fullName, penName, penNameApproved, nameDisplay, graduationYear, title }) => ({ articleId, id, slug, fullName, penName, penNameApproved, nameDisplay, graduationYear, title })));
  const bylinesOf = [groupBylines(live!), groupBylines(draft!)];
  return (id) => ({ tags: tagsOf.get(`0:${id}`) ?? [], authors: bylinesOf[0]!.get(id) ?? [], draftTags: tagsOf.get(`1:${id}`) ?? [], draftAuthors: bylinesOf[1]!.get(id) ?? [] });
}

/** Whole stories by id, in that order, as toEditorArticleDto reads them (any status; a missing id is left out). */
export async function findEditorStoryRows(ids: string[]): Promise<EditorStoryRow[]> {
  if (ids.length === 0) return [];
  const sql = editorStoriesSql(ids);
  const [stories, tags, bylines] = await Promise.all([queryRows<RawEditorStory>(db, sql.stories), queryRows<RawTagOf>(db, sql.tags), queryRows<RawDraftByline>(db, sql.bylines)]);
  const around = tagsAndBylinesOf(tags, bylines);
  return inOrder(ids, stories).map((r) => ({
    ...(articleColumnsOf(r) as Omit<EditorStoryRow, keyof typeof articleInclude | "bodyText">),
    // Not read (editorStoriesSql): nothing the API answers shows the plain text.
    bodyText: "",
    ...besideOf(r),
    ...around(r.id),
  }));
}

/** How each Article column comes back from plain SQL, to be given Prisma's type (every column: the compiler checks). */
const ARTICLE_COLUMNS = {
  id: "text", slug: "text", headline: "text", dek: "text", bodyJson: "text", bodyHtml: "text", bodyText: "text", wordCount: "int", status: "text", version: "int",
  sectionId: "text", createdById: "text", leadImageId: "text", leadImageCaption: "text", issueId: "text", pinRank: "int", noindex: "bool", deadline: "date", targetWords: "int",
  assignedById: "text", publishAt: "date", publishedAt: "date", draftHeadline: "text", draftDek: "text", draftBodyJson: "text", draftBodyHtml: "text", draftBodyText: "text",
  draftWordCount: "int", draftUpdatedAt: "date", draftSectionId: "text", draftLeadImageId: "text", draftLeadImageCaption: "text", draftRequestedById: "text",
  draftRequestedAt: "date", liveUpdatedAt: "date", createdAt: "date", updatedAt: "date",
} as const satisfies Record<Prisma.ArticleScalarFieldEnum, "text" | "int" | "bool" | "date">;

/** A raw row's story columns (those of ARTICLE_COLUMNS it has) with Prisma's types: Date, number, boolean. */
function articleColumnsOf(raw: object): Record<string, unknown> {
  const row = raw as Record<string, unknown>;
  const columns: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(ARTICLE_COLUMNS)) {
    if (!(name in row)) continue;
    const v = row[name];
    columns[name] = v === null ? null : kind === "date" ? new Date(v as RawDate) : kind === "int" ? Number(v) : kind === "bool" ? Boolean(v) : v;
  }
  return columns;
}

/** A value a raw write may give a column: what Prisma's own update would take for it. */
type ColumnValue = string | number | boolean | Date | null;
/** Columns of a story a save may write, with Prisma's types (never its key, its version or its status, which have their own rules). */
export type StoryColumns = Partial<Omit<Prisma.ArticleGetPayload<object>, "id" | "version" | "status">>;

/** A column's value as a parameter: a timestamp as each engine stores Prisma's DateTime (sqlTimestamp), a boolean as SQLite's 0/1. */
function columnParameter(name: keyof typeof ARTICLE_COLUMNS, value: ColumnValue): Prisma.Sql {
  if (value === null) return Prisma.sql`NULL`;
  if (ARTICLE_COLUMNS[name] === "date") return sqlTimestamp(value instanceof Date ? value : new Date(value as string));
  if (ARTICLE_COLUMNS[name] === "bool" && engine === "sqlite") return Prisma.sql`${value ? 1 : 0}`;
  return Prisma.sql`${value}`;
}

/**
 * The save's compare-and-swap as one plain statement: `columns` written and `version` raised by
 * one, only if the story is still at `version`. Answers whether it was (false: another save won).
 * Prisma's updateMany did the same, compiled on the event loop inside the transaction on every
 * autosave (issue 16); save-writes.test.ts holds the two equal on both engines.
 */
export async function swapStoryVersion(tx: Tx, { id, version, columns }: { id: string; version: number; columns: StoryColumns }): Promise<boolean> {
  const sets = Object.entries(columns).flatMap(([name, value]) => {
    if (value === undefined) return [];
    if (!(name in ARTICLE_COLUMNS) || name === "id" || name === "version" || name === "status") throw new Error(`Not a column a save writes: ${name}`);
    return [Prisma.sql`${Prisma.raw(`"${name}"`)} = ${columnParameter(name as keyof typeof ARTICLE_COLUMNS, value as ColumnValue)}`];
  });
  const changed = await executeSql(tx, Prisma.sql`UPDATE "Article" SET ${Prisma.join([...sets, Prisma.sql`"version" = "version" + 1`])} WHERE "id" = ${id} AND "version" = ${version}`);
  return changed === 1;
}

/**
 * One story by primary key as plain SQL (exported for the query-plan test): its columns with its
 * live and working-copy section and lead image joined, its tags, its bylines (each live and
 * working copy in one statement, as editorStoriesSql reads them) and its assignees.
 */
export function articleRowSql(id: string): { story: Prisma.Sql; tags: Prisma.Sql; bylines: Prisma.Sql; assignees: Prisma.Sql } {
  const columns = Prisma.raw(Object.keys(ARTICLE_COLUMNS).map((c) => `a."${c}"`).join(", "));
  return {
    story: Prisma.sql`SELECT ${columns}, ${besideColumns} ${storyJoins} WHERE a."id" = ${id}`,
    tags: storyTagsSql(Prisma.join([id])),
    bylines: storyBylinesSql(Prisma.join([id])),
    assignees: Prisma.sql`SELECT sa."role", u."id", u."personId" FROM "ArticleAssignee" sa JOIN "User" u ON u."id" = sa."userId" WHERE sa."articleId" = ${id} ORDER BY sa."userId", CAST(sa."role" AS TEXT)`,
  };
}

type RawArticle = Record<keyof typeof ARTICLE_COLUMNS, string | RawInt | RawDate | boolean | null> & RawBeside;

/**
 * A story as `findUnique({ where: { id }, include: articleInclude })` gives it (article-row.test.ts
 * holds the two equal on both engines), or null: four plain statements by key, read on `tx` when
 * given (inside the transaction, seeing its writes). The include was about ten, each compiled on
 * the event loop, before every save and transition.
 */
export async function findArticleRow({ id, tx }: { id: string; tx?: Tx }): Promise<ArticleRow | null> {
  const client = tx ?? db;
  const sql = articleRowSql(id);
  type RawAssignee = { role: ArticleRow["assignees"][number]["role"]; id: string; personId: string };
  const read = [() => queryRows<RawArticle>(client, sql.story), () => queryRows<RawTagOf>(client, sql.tags), () => queryRows<RawDraftByline>(client, sql.bylines), () => queryRows<RawAssignee>(client, sql.assignees)] as const;
  // In a transaction one after another (its statements share one connection anyway), else at once.
  const [[story], tags, bylines, assignees] = tx ? [await read[0](), await read[1](), await read[2](), await read[3]()] : await Promise.all([read[0](), read[1](), read[2](), read[3]()]);
  if (!story) return null;
  return {
    ...(articleColumnsOf(story) as Omit<ArticleRow, keyof typeof articleInclude>),
    ...besideOf(story),
    ...tagsAndBylinesOf(tags, bylines)(id),
    assignees: assignees.map(({ role, id: userId, personId }) => ({ role, user: { id: userId, personId } })),
  };
}

/** A story just written, read back on the writer's transaction (findArticleRow, which must find it). */
export async function readBackArticle(tx: Tx, id: string): Promise<ArticleRow> {
  const row = await findArticleRow({ id, tx });
  if (!row) throw new Error(`Story ${id} is gone from its own transaction.`);
  return row;
}

/**
 * One page of the stories the actor may see, as the API shows them, and the next page's cursor:
 * the ids from newsroomIdsSql (the dashboard's statement, plan-tested), then the whole stories
 * by primary key (findEditorStoryRows). Four plain statements; Prisma's findMany with its
 * include was nine, compiled on the event loop, and most of the page's time.
 */
export async function listArticlesPageForActor(args: NewsroomListArgs): Promise<{ articles: EditorArticleDto[]; nextCursor: string | null }> {
  const [{ ids, nextCursor }, pub] = await Promise.all([newsroomPage(args), getPublication()]);
  const rows = await findEditorStoryRows(ids);
  // Drafts saved since their HTML was last needed are rendered now, once.
  const rendered: EditorStoryRow[] = [];
  for (const row of rows) rendered.push(await withRenderedBody(row));
  return { articles: rendered.map((r) => toEditorArticleDto(r, pub)), nextCursor };
}

/** The first page of the stories the actor may see (up to 200). */
export async function listArticlesForActor({ actor, filter = {}, mine = false }: { actor: Actor; filter?: TArticleFilter; mine?: boolean }) {
  return (await listArticlesPageForActor({ actor, filter, mine, limit: 200 })).articles;
}

/** A newsroom table row: no body, no tags, no image. */
export type NewsroomStoryRow = { id: string; headline: string; status: ArticleStatus; section: string | null; authors: string[]; wordCount: number; updatedAt: Date };

/**
 * Newsroom table rows by primary key, as plain SQL (exported for the query-plan test): the
 * stories with their section's name, then their bylines (the cards' statement). Two statements
 * where Prisma's select with relations took three, each compiled on the event loop.
 */
export function storyRowsSql(ids: string[]): { stories: Prisma.Sql; bylines: Prisma.Sql } {
  return {
    stories: Prisma.sql`SELECT a."id", a."headline", a."status", a."wordCount", a."updatedAt", s."name" AS "sectionName"
      FROM "Article" a LEFT JOIN "Section" s ON s."id" = a."sectionId"
      WHERE a."id" IN (${Prisma.join(ids)})`,
    bylines: cardRowsSql(ids).bylines,
  };
}

type RawStoryRow = { id: string; headline: string; status: ArticleStatus; wordCount: number | bigint; updatedAt: RawDate; sectionName: string | null };

/** Newsroom table rows for `ids`, in that order. */
async function findStoryRows(ids: string[]): Promise<NewsroomStoryRow[]> {
  if (ids.length === 0) return [];
  const sql = storyRowsSql(ids);
  const [stories, bylines, pub] = await Promise.all([queryRows<RawStoryRow>(db, sql.stories), queryRows<RawByline>(db, sql.bylines), getPublication()]);
  const bylinesOf = groupBylines(bylines);
  return inOrder(ids, stories).map((r) => ({
    id: r.id,
    headline: r.headline,
    status: r.status,
    section: r.sectionName,
    authors: (bylinesOf.get(r.id) ?? []).map(({ person }) => publicName(person, pub.nameDisplayDefault)),
    wordCount: Number(r.wordCount),
    updatedAt: new Date(r.updatedAt),
  }));
}

/** One page of a newsroom table (the dashboard), with the next page's cursor. */
export async function listStoryRowsForActor(args: NewsroomListArgs): Promise<{ rows: NewsroomStoryRow[]; nextCursor: string | null }> {
  const { ids, nextCursor } = await newsroomPage(args);
  return { rows: await findStoryRows(ids), nextCursor };
}

/** The review queue's bound: stories waiting beyond it show on the next visit. */
const REVIEW_QUEUE_LIMIT = 100;

/**
 * The review queue's candidates as plain SQL (exported for the query-plan test): every story
 * waiting for a decision that the actor may see, read through the status index (a few dozen
 * at most), with its latest submission from the (articleId, createdAt) index of transitions.
 */
export function reviewQueueSql({ actor, filter = {} }: { actor: Actor; filter?: TArticleFilter }): Prisma.Sql {
  const section = filter.section ? Prisma.sql`AND a."sectionId" = (SELECT "id" FROM "Section" WHERE "slug" = ${filter.section})` : Prisma.empty;
  return Prisma.sql`SELECT a."id", a."updatedAt",
      (SELECT max(t."createdAt") FROM "Transition" t WHERE t."articleId" = a."id" AND t."action" = ${"submit"}) AS "submittedAt"
    FROM "Article" a
    WHERE a."status" IN (${Prisma.join([...REVIEW_QUEUE_STATUSES])}) ${section} AND ${visibleToSql(actor)}`;
}

/**
 * The review queue: stories waiting for a decision (submitted, nothing else), the dashboard's
 * filters applied, the longest-waiting submission first (its latest submit, not its last
 * edit), at most REVIEW_QUEUE_LIMIT, as newsroom table rows.
 */
export async function listReviewQueue({ actor, filter = {} }: { actor: Actor; filter?: TArticleFilter }): Promise<NewsroomStoryRow[]> {
  if (!can(actor, "view_review_queue")) return [];
  // A status filter other than "in review" leaves nothing waiting for a decision.
  if (filter.status && !REVIEW_QUEUE_STATUSES.includes(filter.status)) return [];
  const rows = await queryRows<(IdAt & { submittedAt: RawDate | null })>(db, reviewQueueSql({ actor, filter }));
  const submittedAt = (r: (typeof rows)[number]) => new Date(r.submittedAt ?? r.updatedAt).getTime();
  const waiting = rows.sort((a, b) => submittedAt(a) - submittedAt(b) || a.id.localeCompare(b.id)).slice(0, REVIEW_QUEUE_LIMIT);
  return findStoryRows(waiting.map((r) => r.id));
}

/** A section by slug or id to its id (null: none; undefined: unchanged), or VALIDATION. */
export async function resolveSection(tx: Tx, ref: string | null | undefined): Promise<string | null | undefined> {
  if (ref === undefined) return undefined;
  if (ref === null || ref === "") return null;
  const section = await tx.section.findFirst({ where: { OR: [{ slug: ref }, { id: ref }] }, select: { id: true } });
  if (!section) throw new AppError("VALIDATION", "Unknown section.", { fields: { section: `There is no section "${ref.slice(0, 40)}".` } });
  return section.id;
}

/** Co-author person ids, deduplicated and without the lead byline, or VALIDATION. */
export async function resolveCoAuthors(tx: Tx, ids: string[] | undefined, ownPersonId: string): Promise<string[] | undefined> {
  if (ids === undefined) return undefined;
  const unique = [...new Set(ids)];
  const found = await tx.person.findMany({ where: { id: { in: unique } }, select: { id: true } });
  if (found.length !== unique.length) throw new AppError("VALIDATION", "Unknown co-author.", { fields: { coAuthorIds: "One of the co-authors does not exist." } });
  return unique.filter((id) => id !== ownPersonId);
}

/**
 * Parse an incoming body and refresh its inline figures from the media library. CPU work and a
 * read: call it before a transaction opens (or, joining a caller's transaction, with its `tx`).
 */
export async function renderBody(source: string | { json: unknown }, tx?: Tx) {
  // HTML (forms, the API, imports) is parsed once; the editor's JSON document is only checked.
  const body = typeof source === "string" ? renderBodyFromHtml(source) : renderBodyFromDoc(checkBodyDoc(source.json));
  return body.html.includes("<figure") ? renderBodyFromJson(await hydrateFigures(body.json, tx)) : body;
}
export type RenderedBody = Awaited<ReturnType<typeof renderBody>>;

/** A save's body: stored document, text and word count, and its HTML left UNRENDERED_HTML. */
export type PreparedBody = StoredBody & { html: typeof UNRENDERED_HTML };

/** Where a save's preparation spends its time (the save handler's Server-Timing). */
export type BodyClock = { mark: (part: "parse" | "validate") => void };

/**
 * A body as a save stores it, with no HTML rendered or sanitised: HTML is parsed into the story
 * schema once, the editor's document is only checked against it; inline figures are refreshed
 * from the media library. CPU work and a read: call it before a transaction opens. The HTML is
 * rendered from the stored document when someone else is to see it (withRenderedBody).
 */
export async function prepareBody(source: string | { json: unknown }, tx?: Tx, clock?: BodyClock): Promise<PreparedBody> {
  // HTML is parsed into the schema (which it then fits by construction); a document is checked.
  const html = typeof source === "string" ? docFromHtml(source) : null;
  clock?.mark("parse");
  const body = storedBodyFromDoc(html ?? checkBodyDoc((source as { json: unknown }).json));
  const stored = figuresIn(body.json).length > 0 ? storedBodyFromJson(await hydrateFigures(body.json, tx)) : body;
  clock?.mark("validate");
  return { ...stored, html: UNRENDERED_HTML };
}

type BodyColumns = { bodyJson: string; bodyHtml: string; draftBodyJson: string | null; draftBodyHtml: string | null };

/** A stored HTML column, rendered from its document when a save left it UNRENDERED_HTML. */
function htmlOf(html: string, json: string): string {
  return html === UNRENDERED_HTML ? renderStoredHtml(json) : html;
}

/** The HTML columns of `row` a save left unrendered, rendered and sanitised (CPU only). */
function renderedColumns(row: BodyColumns): { bodyHtml?: string; draftBodyHtml?: string } {
  return {
    ...(row.bodyHtml === UNRENDERED_HTML ? { bodyHtml: renderStoredHtml(row.bodyJson) } : {}),
    ...(row.draftBodyHtml === UNRENDERED_HTML && row.draftBodyJson !== null ? { draftBodyHtml: renderStoredHtml(row.draftBodyJson) } : {}),
  };
}

/**
 * `row` with its HTML rendered: what a save left unrendered is rendered once from the stored
 * document, sanitised, and written back, so the next reader of the row does not render it
 * again. The write compares with the document it was rendered from, so a save that lands in
 * between is never overwritten; it changes neither the version nor the last-save time. Called
 * before a version becomes visible to someone else (a transition) and by views and API answers
 * that show HTML. Outside a transaction, or inside one with its `tx`.
 */
export async function withRenderedBody<R extends BodyColumns & { id: string; updatedAt: Date }>(row: R, tx?: Tx): Promise<R> {
  const html = renderedColumns(row);
  if (html.bodyHtml === undefined && html.draftBodyHtml === undefined) return row;
  const client = tx ?? db;
  const keep = { updatedAt: row.updatedAt };
  if (html.bodyHtml !== undefined) {
    await client.article.updateMany({ where: { id: row.id, bodyJson: row.bodyJson, bodyHtml: UNRENDERED_HTML }, data: { bodyHtml: html.bodyHtml, ...keep } });
  }
  if (html.draftBodyHtml !== undefined) {
    await client.article.updateMany({ where: { id: row.id, draftBodyJson: row.draftBodyJson, draftBodyHtml: UNRENDERED_HTML }, data: { draftBodyHtml: html.draftBodyHtml, ...keep } });
  }
  return { ...row, ...html };
}

/** Two tag names are the same tag when they differ only in case, accents or punctuation. */
function tagKey(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** The tag names a save sends, cleaned as setTags cleans them, one per tag. */
function cleanTagNames(names: string[]): string[] {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const clean = name.trim().replace(/\s+/g, " ");
    if (clean && !wanted.has(tagKey(clean))) wanted.set(tagKey(clean), clean);
  }
  return [...wanted.values()];
}

/** `names` are exactly the story's tags already: setTags would change nothing. */
export function sameTags(names: string[], row: Pick<ArticleRow, "tags">): boolean {
  const wanted = cleanTagNames(names).sort();
  const have = row.tags.map((t) => t.tag.name).sort();
  return wanted.length === have.length && wanted.every((name, i) => name === have[i]);
}

/** Replace a story's tags with these names (created on first use); a tag it drops that no story uses any more goes (pruneTags). */
export async function setTags(tx: Tx, articleId: string, names: string[] | undefined): Promise<void> {
  if (names === undefined) return;
  const tags = await findOrCreateTags(tx, names);
  const before = await tx.articleTag.findMany({ where: { articleId }, select: { tagId: true } });
  await tx.articleTag.deleteMany({ where: { articleId } });
  for (const tag of tags) {
    await tx.articleTag.upsert({ where: { articleId_tagId: { articleId, tagId: tag.id } }, update: {}, create: { articleId, tagId: tag.id } });
  }
  await pruneTags(tx, before.map((t) => t.tagId));
}

/**
 * Delete those of `tagIds` that no story carries any more: not live (ArticleTag, which a draft's
 * tags are too) and not in a working copy (ArticleDraftTag). Called wherever a story lets go of a
 * tag (a save that drops it, Discard changes, Publish changes replacing the live tags), after the
 * story's new tags are written. Why: a tag is created the moment someone types it (the working
 * copy needs a Tag row to point at), and Masthead has no tag admin, so no tag is ever made on
 * purpose apart from a story. A tag typed into a working copy and then discarded or removed was
 * never carried by anything readers saw; left behind it would be a name nobody chose, waiting
 * in the table for the next list of tags. Readers never see such a row in the meantime: the reader
 * site finds a tag only through a live story (lib/data/sections.ts findTag).
 */
export async function pruneTags(tx: Tx, tagIds: string[]): Promise<void> {
  const ids = [...new Set(tagIds)].sort();
  if (ids.length === 0) return;
  // PostgreSQL (READ COMMITTED): lock the rows first, so a save that is adding one of these tags to
  // another story (its foreign-key check holds a KEY SHARE lock) commits before we look, and the
  // look below, a statement of its own, sees its row; otherwise the delete would cascade to the
  // other story's fresh ArticleTag row and silently untag it. SQLite runs one writer at a time.
  if (engine === "postgres") await tx.$queryRaw`SELECT "id" FROM "Tag" WHERE "id" IN (${Prisma.join(ids)}) ORDER BY "id" FOR UPDATE`;
  await tx.tag.deleteMany({ where: { id: { in: ids }, articles: { none: {} }, draftArticles: { none: {} } } });
}

/** The tags these names stand for, created on first use (one per distinct name). */
export async function findOrCreateTags(tx: Tx, names: string[]): Promise<{ id: string; slug: string }[]> {
  const tags: { id: string; slug: string }[] = [];
  for (const name of cleanTagNames(names)) {
    const key = tagKey(name);
    let slug = distinctSlug(name, 40, "tag");
    const existing = await tx.tag.findUnique({ where: { slug }, select: { name: true } });
    // A different tag already owns this slug ("Ā" and "A!"): keep them apart.
    if (existing && tagKey(existing.name) !== key) slug = `${slug}-${shortHash(key)}`;
    tags.push(await tx.tag.upsert({ where: { slug }, update: {}, create: { slug, name }, select: { id: true, slug: true } }));
  }
  return tags;
}

/** A slug from `headline` that no other story has (`exceptId`: the story being renamed). */
export async function nextArticleSlug(tx: Tx, headline: string, exceptId?: string): Promise<string> {
  const base = slugify(headline);
  const taken = await tx.article.findMany({
    where: { slug: { startsWith: base }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { slug: true },
  });
  return uniqueSlug(base, new Set(taken.map((a) => a.slug)));
}

/** Fields an assignment fills in when it creates the draft (lib/data/planning.ts). */
export type AssignmentExtras = {
  deadline?: Date | null;
  targetWords?: number | null;
  issueId?: string | null;
  /** Bylines in order; defaults to the creator. */
  authorPersonIds?: string[];
  /**
   * The account the story belongs to (`createdById`, which the policy counts as ownership);
   * defaults to the actor. An assignment gives it to its first writer, not the assigning editor,
   * who is recorded as `assignedById` instead.
   */
  ownerId?: string;
  assignedById?: string;
  assignees?: { userId: string; role: "WRITER" | "PHOTOGRAPHER" }[];
};

/**
 * The checks and reads of creating a story, done before any transaction opens, so that a caller
 * with a transaction of its own (an assignment) can insert the story inside it: inside a
 * transaction only `tx` may be used (lib/data/serialized-adapter.ts). A caller already inside
 * one passes its `tx` here too.
 */
/**
 * `slug`: the address the caller wants instead of one from the headline (the demo's stories keep
 * theirs); a taken one still gets a suffix. `now`: when the story and its first revision were made.
 */
export async function prepareArticle({
  actor,
  input,
  extras,
  tx,
  slug,
  now = new Date(),
}: {
  actor: Actor;
  input: TArticleCreate;
  extras?: AssignmentExtras;
  tx?: Tx;
  slug?: string;
  now?: Date;
}) {
  if (!can(actor, "create_article")) throw new AppError("FORBIDDEN", "You may not create stories.");
  const body = await renderBody(input.body, tx);
  const pub = await getPublication(tx);
  const insertRow = async (tx: Tx) => {
    const sectionId = await resolveSection(tx, input.section);
    const coAuthors = extras?.authorPersonIds ?? [actor.personId, ...((await resolveCoAuthors(tx, input.coAuthorIds, actor.personId)) ?? [])];
    const article = await tx.article.create({
      data: {
        slug: await nextArticleSlug(tx, slug ?? input.headline),
        headline: input.headline,
        dek: input.dek,
        bodyJson: JSON.stringify(body.json),
        bodyHtml: body.html,
        bodyText: body.text,
        wordCount: body.wordCount,
        sectionId: sectionId ?? null,
        createdById: extras?.ownerId ?? actor.userId,
        assignedById: extras?.assignedById ?? null,
        deadline: extras?.deadline ?? null,
        targetWords: extras?.targetWords ?? null,
        issueId: extras?.issueId ?? null,
        authors: { create: [...new Set(coAuthors)].map((personId, position) => ({ personId, position })) },
        ...(extras?.assignees?.length ? { assignees: { create: extras.assignees } } : {}),
        createdAt: now,
      },
      include: articleInclude,
    });
    await setTags(tx, article.id, input.tags);
    await tx.revision.create({
      data: {
        articleId: article.id,
        authorId: actor.userId,
        version: 1,
        headline: article.headline,
        dek: article.dek,
        bodyJson: article.bodyJson,
        bodyText: article.bodyText,
        event: "create",
        createdAt: now,
      },
    });
    return input.tags ? tx.article.findUniqueOrThrow({ where: { id: article.id }, include: articleInclude }) : article;
  };
  return { insert: async (tx: Tx) => toArticleDto(await insertRow(tx), pub) };
}

/**
 * Append a revision, or fold an edit into the same person's previous edit revision when it is
 * recent. Workflow events always get a revision of their own.
 */
export async function recordRevision(
  tx: Tx,
  {
    article,
    authorId,
    event,
    now,
  }: { article: { id: string; version: number; headline: string; dek: string; bodyJson: string; bodyText: string } & LeadImageWithCaption; authorId: string; event: string; now: Date },
) {
  // The caption is text readers see (it may name someone): the history keeps it with its photo.
  const snapshot = {
    version: article.version,
    headline: article.headline,
    dek: article.dek,
    bodyJson: article.bodyJson,
    bodyText: article.bodyText,
    leadImageCaption: article.leadImageCaption,
    leadImageId: article.leadImageId,
  };
  if (event === "edit") {
    // Plain SQL, as every autosave runs it inside its transaction (issue 16): the latest revision,
    // and the fold into it. Prisma's findFirst and update gave the same (save-writes.test.ts).
    const [last] = await queryRows<{ id: string; event: string; authorId: string; createdAt: RawDate }>(tx, Prisma.sql`
      SELECT "id", "event", "authorId", "createdAt" FROM "Revision" WHERE "articleId" = ${article.id} ORDER BY "createdAt" DESC LIMIT 1`);
    if (last && last.event === "edit" && last.authorId === authorId && now.getTime() - new Date(last.createdAt).getTime() < REVISION_FOLD_MS) {
      await executeSql(tx, Prisma.sql`UPDATE "Revision" SET "version" = ${snapshot.version}, "headline" = ${snapshot.headline}, "dek" = ${snapshot.dek}, "bodyJson" = ${snapshot.bodyJson},
        "bodyText" = ${snapshot.bodyText}, "leadImageCaption" = ${snapshot.leadImageCaption}, "leadImageId" = ${snapshot.leadImageId}, "updatedAt" = ${sqlTimestamp(new Date())}
        WHERE "id" = ${last.id}`);
      return;
    }
  }
  await tx.revision.create({ data: { articleId: article.id, authorId, event, ...snapshot, createdAt: now } });
}

export async function listTransitions({ articleId }: { articleId: string }) {
  return db.transition.findMany({
    where: { articleId },
    orderBy: { createdAt: "asc" },
    select: { id: true, action: true, fromStatus: true, toStatus: true, note: true, publishAt: true, createdAt: true, actor: { select: { person: { select: { fullName: true } } } } },
  });
}

/** The latest request-changes note, shown to the writer while changes are requested. */
export async function latestChangeRequest({ articleId }: { articleId: string }) {
  return db.transition.findFirst({
    where: { articleId, action: "request_changes" },
    orderBy: { createdAt: "desc" },
    select: { note: true, createdAt: true, actor: { select: { person: { select: { fullName: true } } } } },
  });
}

// ---- Public reads: only PUBLISHED stories exist here (listings: lib/data/public.ts). ----

/** Whole published stories, newest first (the feeds, which carry full text: keep `limit` small). */
export async function listPublishedArticles({ sectionSlug, tagSlug, authorPersonId, limit = 20, offset = 0 }: ListingScope & { limit?: number; offset?: number } = {}) {
  const scope = { sectionSlug, tagSlug, authorPersonId };
  const [ids, [{ n }], pub] = await Promise.all([listListingIds(scope, { limit, offset }), queryRows<{ n: number | bigint }>(db, listingCountSql(scope)), getPublication()]);
  // By primary key only, the status checked here: with the status in the where clause SQLite
  // reads the status index, every published story (see cardRowsQuery in ./public).
  const rows = await findLiveStoryRows({ ids: ids.map((r) => r.id) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { articles: ids.flatMap((r) => (byId.has(r.id) ? [toArticleDto(byId.get(r.id)!, pub)] : [])), total: Number(n) };
}

/**
 * The pinned stories' ids, by rank, read from the pinRank index (a handful of rows). The unary
 * `+` keeps SQLite from choosing a status index instead, which would sort every published story.
 */
export function pinnedIdsSql(): Prisma.Sql {
  // SQLite: unary + keeps the planner on the pinRank index; PostgreSQL has no + on an enum.
  const status = engine === "postgres" ? Prisma.sql`"status"` : Prisma.sql`+"status"`;
  return Prisma.sql`SELECT "id" FROM "Article" WHERE "pinRank" IS NOT NULL AND ${status} = ${STATUS.PUBLISHED} ORDER BY "pinRank" ASC LIMIT 5`;
}

/**
 * The front page: pinned stories first (1 = the lead, then features by rank), then the newest;
 * plus a rail of the newest stories for every section. Card data only.
 */
export async function findFrontPage() {
  const [pinned, latest, sections] = await Promise.all([
    queryRows<{ id: string }>(db, pinnedIdsSql()),
    listListingIds({}, { limit: 12 }),
    db.section.findMany({ select: { id: true, name: true, slug: true }, orderBy: [{ position: "asc" }, { name: "asc" }] }),
  ]);
  const topIds = [...new Set([...pinned.map((p) => p.id), ...latest.map((a) => a.id)])].slice(0, 5);
  const [top, ...rails] = await Promise.all([
    findStoriesByIds(topIds),
    ...sections.map(async (section) => ({
      section,
      articles: await findStoriesByIds((await listListingIds({ sectionId: section.id }, { limit: 4, excludeIds: topIds })).map((r) => r.id)),
    })),
  ]);
  return { top: top as ListedStory[], rails: (rails as { section: (typeof sections)[number]; articles: ListedStory[] }[]).filter((r) => r.articles.length > 0) };
}

/**
 * Up to three other stories sharing a tag or, failing that, the section: the newest few of each
 * tag and of the section, each read from its own index, merged newest first.
 */
export async function listRelatedArticles({ article }: { article: Pick<ArticleDto, "id" | "tags" | "section"> }) {
  const take = 4;
  const lists = await Promise.all([
    ...article.tags.map((t) => listListingIds({ tagSlug: t.slug }, { limit: take })),
    ...(article.section ? [listListingIds({ sectionId: article.section.id }, { limit: take })] : []),
  ]);
  const time = (v: IdRowDate) => (v === null ? 0 : new Date(v).getTime());
  const seen = new Set([article.id]);
  const merged = lists
    .flat()
    .sort((a, b) => time(b.publishedAt) - time(a.publishedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .filter((r) => !seen.has(r.id) && seen.add(r.id));
  return findStoriesByIds(merged.slice(0, 3).map((r) => r.id));
}
type IdRowDate = Date | string | number | null;

/**
 * A published story by slug. Read once per request (React `cache`, keyed by the slug string):
 * the page and its metadata both ask. Three plain statements (findLiveStoryRows).
 */
export async function findPublishedArticle({ slug }: { slug: string }) {
  return findPublishedArticleBySlug(slug);
}

const findPublishedArticleBySlug = cache(async (slug: string) => {
  const [[row], pub] = await Promise.all([findLiveStoryRows({ slug }), getPublication()]);
  return row ? toArticleDto(row, pub) : null;
});
