import "server-only";
import { randomBytes } from "node:crypto";
import { type Actor, can } from "@/lib/auth/policy";
import { anchorState, anchorsInDoc, type CommentDto } from "@/lib/domain/comments";
import { AppError, notFound } from "@/lib/errors";
import type { TCommentCreate } from "@/lib/validation/comment";
import { factsOf, findArticleForActor } from "./articles";
import { db } from "./db";
import { notify, storyPeople } from "./notifications";

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

export async function createComment({ actor, articleId, input }: { actor: Actor; articleId: string; input: TCommentCreate }) {
  const article = await findArticleForActor({ id: articleId, actor });
  if (!can(actor, "comment", factsOf(article))) throw new AppError("FORBIDDEN", "You may not comment on this story.");
  let kind = input.kind;
  if (input.parentId) {
    const parent = await db.comment.findFirst({ where: { id: input.parentId, articleId, parentId: null }, select: { id: true } });
    if (!parent) throw new AppError("VALIDATION", "That thread does not exist.", { fields: { parentId: "That thread does not exist." } });
    kind = "COACHING";
  }
  // Only reviewers can make a change *required*; anyone may coach.
  if (kind === "REQUIRED" && !can(actor, "resolve_required", factsOf(article))) {
    throw new AppError("FORBIDDEN", "Only a reviewer can mark a change as required.", { fields: { kind: "Only a reviewer can mark a change as required." } });
  }
  const id = input.id ?? `c${randomBytes(12).toString("hex")}`;
  if (await db.comment.findUnique({ where: { id }, select: { id: true } })) {
    throw new AppError("VALIDATION", "That comment id is taken.", { fields: { id: "That comment id is taken." } });
  }
  return db.$transaction(async (tx) => {
    const row = await tx.comment.create({
      data: { id, articleId, authorId: actor.userId, parentId: input.parentId ?? null, kind, body: input.body, quote: input.quote || null },
      select: { id: true },
    });
    if (kind === "REQUIRED") {
      await notify(tx, { userIds: await storyPeople(tx, articleId), kind: "required_change", title: `Required change on ${article.headline}`, link: `/newsroom/articles/${articleId}`, exceptUserId: actor.userId });
    }
    return row;
  });
}

/**
 * Resolve or reopen a thread. Coaching: the story's authors or a reviewer. Required change:
 * a reviewer only (never the writer of the story).
 */
export async function setCommentResolved({ actor, articleId, commentId, resolved }: { actor: Actor; articleId: string; commentId: string; resolved: boolean }) {
  const article = await findArticleForActor({ id: articleId, actor });
  const comment = await db.comment.findFirst({ where: { id: commentId, articleId, parentId: null }, select: { id: true, kind: true } });
  if (!comment) throw notFound("That comment");
  const action = comment.kind === "REQUIRED" ? "resolve_required" : "resolve_coaching";
  if (!can(actor, action, factsOf(article))) {
    throw new AppError("FORBIDDEN", comment.kind === "REQUIRED" ? "Only a reviewer can resolve a required change." : "You may not resolve this comment.");
  }
  await db.comment.update({
    where: { id: comment.id },
    data: resolved ? { resolvedAt: new Date(), resolvedById: actor.userId } : { resolvedAt: null, resolvedById: null },
  });
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
