import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { anchorState, anchorsInDoc, type CommentDto } from "@/lib/domain/comments";
import { findArticleForActor } from "./articles";
import { db } from "./db";

const commentSelect = {
  id: true,
  parentId: true,
  kind: true,
  body: true,
  quote: true,
  resolvedAt: true,
  createdAt: true,
  author: { select: { id: true, role: true, person: { select: { fullName: true } } } },
  resolvedBy: { select: { person: { select: { fullName: true } } } },
} as const;

/** Threads on a story, oldest first, each told whether its passage still exists. */
export async function listComments({ actor, articleId }: { actor: Actor; articleId: string }): Promise<CommentDto[]> {
  const article = await findArticleForActor({ id: articleId, actor });
  const anchors = anchorsInDoc(JSON.parse(article.bodyJson));
  const rows = await db.comment.findMany({ where: { articleId }, orderBy: { createdAt: "asc" }, select: commentSelect });
  const dto = (r: (typeof rows)[number]): CommentDto => ({
    id: r.id,
    parentId: r.parentId,
    kind: r.kind,
    body: r.body,
    quote: r.quote,
    anchor: anchorState(r, anchors).state,
    author: r.author.person.fullName,
    authorRole: r.author.role,
    resolved: r.resolvedAt !== null,
    resolvedBy: r.resolvedBy?.person.fullName ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    replies: [],
  });
  const threads = rows.filter((r) => r.parentId === null).map(dto);
  const byId = new Map(threads.map((t) => [t.id, t]));
  for (const r of rows) if (r.parentId) byId.get(r.parentId)?.replies.push(dto(r));
  return threads;
}

/** Stories of the actor's with open required changes, for the dashboard. */
export async function listOpenRequiredByArticle({ actor }: { actor: Actor }) {
  const rows = await db.comment.groupBy({
    by: ["articleId"],
    where: {
      kind: "REQUIRED",
      resolvedAt: null,
      parentId: null,
      article: { OR: [{ createdById: actor.userId }, { authors: { some: { personId: actor.personId } } }] },
    },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.articleId, r._count._all]));
}
