import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor } from "@/lib/data/articles";
import { AppError, notFound } from "@/lib/errors";
import { ZCommentResolve } from "@/lib/validation/comment";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Resolve or reopen a thread. Coaching: the story's authors or a reviewer. Required change:
 * a reviewer only (never the writer of the story).
 */
export async function setCommentResolved({
  actor,
  articleId,
  commentId,
  input: raw,
  tx,
  now = new Date(),
}: UseCaseArgs<z.input<typeof ZCommentResolve>> & { articleId: string; commentId: string }) {
  const { resolved } = parseInput(ZCommentResolve, raw);
  return inTransaction(tx, async (tx) => {
    const article = await findArticleForActor({ id: articleId, actor, tx });
    const comment = await tx.comment.findFirst({ where: { id: commentId, articleId, parentId: null }, select: { id: true, kind: true } });
    if (!comment) throw notFound("That comment");
    const required = comment.kind === "REQUIRED";
    if (!can(actor, required ? "resolve_required" : "resolve_coaching", factsOf(article))) {
      throw new AppError("FORBIDDEN", required ? "Only a reviewer can resolve a required change." : "You may not resolve this comment.");
    }
    await tx.comment.update({
      where: { id: comment.id },
      data: resolved ? { resolvedAt: now, resolvedById: actor.userId } : { resolvedAt: null, resolvedById: null },
    });
    return outcome({ id: comment.id, resolved });
  });
}
