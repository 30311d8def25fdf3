import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { anchorFor, anchorText, reanchor, type TextAnchor } from "@/lib/domain/anchors";
import { anchorState, type CommentDto } from "@/lib/domain/comments";
import { findArticleForActor } from "./articles";
import { db } from "./db";
import { queryRows } from "./raw";
import { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

function anchorColumns() {
  return { anchorExact: true, anchorPrefix: true, anchorSuffix: true, anchorStart: true, anchorEnd: true } as const;
}

type AnchorRow = { anchorExact: string | null; anchorPrefix: string | null; anchorSuffix: string | null; anchorStart: number | null; anchorEnd: number | null };

/** The stored selectors of a comment, or null when it has none. */
export function toTextAnchor(row: AnchorRow): TextAnchor | null {
  if (row.anchorExact === null || row.anchorStart === null || row.anchorEnd === null) return null;
  return { exact: row.anchorExact, prefix: row.anchorPrefix ?? "", suffix: row.anchorSuffix ?? "", start: row.anchorStart, end: row.anchorEnd };
}

/** The columns that store an anchor. */
export function anchorData(anchor: TextAnchor): AnchorRow {
  return { anchorExact: anchor.exact, anchorPrefix: anchor.prefix, anchorSuffix: anchor.suffix, anchorStart: anchor.start, anchorEnd: anchor.end };
}

/**
 * A comment's anchor: its stored selectors, or, for a comment from before anchors moved out of
 * the body, the range its legacy mark still covers in `bodyJson`.
 */
function anchorOf(row: AnchorRow & { id: string }, legacy: ReturnType<typeof anchorText>): TextAnchor | null {
  const stored = toTextAnchor(row);
  if (stored) return stored;
  const marked = legacy.marked.get(row.id);
  if (!marked) return null;
  return anchorFor(legacy.text, marked.start, marked.end);
}

const commentSelect = {
  id: true,
  parentId: true,
  kind: true,
  body: true,
  quote: true,
  ...anchorColumns(),
  resolvedAt: true,
  createdAt: true,
  author: { select: { id: true, role: true, person: { select: { fullName: true } } } },
  resolvedBy: { select: { person: { select: { fullName: true } } } },
} as const;

/** Threads on a story, oldest first, each told whether its passage still exists. */
export async function listComments({ actor, articleId }: { actor: Actor; articleId: string }): Promise<CommentDto[]> {
  const article = await findArticleForActor({ id: articleId, actor });
  // Anchors follow the text the editor shows: a live story's working copy when it has one.
  const body = anchorText(JSON.parse(article.draftBodyJson ?? article.bodyJson));
  const rows = await db.comment.findMany({ where: { articleId }, orderBy: { createdAt: "asc" }, select: commentSelect });
  const dto = (r: (typeof rows)[number]): CommentDto => {
    const selector = anchorOf(r, body);
    return {
    id: r.id,
    parentId: r.parentId,
    kind: r.kind,
    body: r.body,
    quote: r.quote,
    anchor: anchorState({ quote: r.quote, anchor: selector }, body.text),
    selector,
    author: r.author.person.fullName,
    authorRole: r.author.role,
    resolved: r.resolvedAt !== null,
    resolvedBy: r.resolvedBy?.person.fullName ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    replies: [],
    };
  };
  const threads = rows.filter((r) => r.parentId === null).map(dto);
  const byId = new Map(threads.map((t) => [t.id, t]));
  for (const r of rows) if (r.parentId) byId.get(r.parentId)?.replies.push(dto(r));
  return threads;
}

/** Stories of the actor's with open required changes, for the dashboard. */
/**
 * Open required changes on the actor's own stories (creator or byline), as plain SQL (exported
 * for the query-plan test): read from the comments, each joined to its story by primary key,
 * never a pass over the stories. Open required comments are few; the archive has none.
 */
export function openRequiredSql(actor: Actor): Prisma.Sql {
  return Prisma.sql`SELECT c."articleId", count(*) AS "n" FROM "Comment" c JOIN "Article" a ON a."id" = c."articleId"
    WHERE c."kind" = ${"REQUIRED"} AND c."resolvedAt" IS NULL AND c."parentId" IS NULL
      AND (a."createdById" = ${actor.userId} OR EXISTS (SELECT 1 FROM "ArticleAuthor" aa WHERE aa."articleId" = a."id" AND aa."personId" = ${actor.personId}))
    GROUP BY c."articleId"`;
}

export async function listOpenRequiredByArticle({ actor }: { actor: Actor }) {
  const rows = await queryRows<{ articleId: string; n: number | bigint }>(db, openRequiredSql(actor));
  return new Map(rows.map((r) => [r.articleId, Number(r.n)]));
}

/**
 * After a save: move every anchor on the story to where its passage is in the new body (the
 * comment rows only; the story's version is not touched). Comments from before anchors left the
 * body take their selectors from the legacy marks in the previous body first. An anchor whose
 * passage is gone keeps its last selectors, so the thread shows "on deleted text".
 */
export async function reanchorComments(tx: Tx, { articleId, previousBodyJson, bodyJson }: { articleId: string; previousBodyJson: string; bodyJson: string }): Promise<void> {
  // Plain SQL: every autosave with a body runs this inside its transaction (issue 16), and most
  // stories have no comment at all.
  // Integer columns come back as numbers on both engines, as Prisma's findMany gave them.
  const rows = await queryRows<AnchorRow & { id: string }>(tx, Prisma.sql`
    SELECT "id", "anchorExact", "anchorPrefix", "anchorSuffix", "anchorStart", "anchorEnd" FROM "Comment" WHERE "articleId" = ${articleId} AND "parentId" IS NULL`);
  if (rows.length === 0) return;
  const previous = anchorText(JSON.parse(previousBodyJson));
  const { text } = anchorText(JSON.parse(bodyJson));
  for (const row of rows) {
    const before = anchorOf(row, previous);
    if (!before) continue;
    const after = reanchor(before, text) ?? before;
    const stored = toTextAnchor(row);
    if (stored && JSON.stringify(stored) === JSON.stringify(after)) continue;
    await tx.comment.update({ where: { id: row.id }, data: anchorData(after) });
  }
}
