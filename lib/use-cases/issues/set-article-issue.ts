import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor } from "@/lib/data/articles";
import { isPublic } from "@/lib/domain/workflow";
import { AppError } from "@/lib/errors";
import { ZId } from "@/lib/validation/article";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

export const ZSetArticleIssue = z.object({ articleId: ZId, issueId: z.union([z.literal(""), ZId]).nullable().transform((v) => v || null) });

/**
 * Put a story in an issue (or take it out with null): editors and advisers, on a story they may
 * see (a hidden draft is 404 like anywhere else). Recorded in the audit log.
 */
export async function setArticleIssue({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZSetArticleIssue>>) {
  const { articleId, issueId } = parseInput(ZSetArticleIssue, raw);
  return inTransaction(tx, async (tx) => {
    const article = await findArticleForActor({ id: articleId, actor, tx });
    if (!can(actor, "place_in_issue", factsOf(article))) throw new AppError("FORBIDDEN", "Only editors and advisers plan issues.");
    const issue = issueId ? await tx.issue.findUnique({ where: { id: issueId }, select: { id: true, slug: true } }) : null;
    if (issueId && !issue) throw new AppError("VALIDATION", "Unknown issue.", { fields: { issueId: "Unknown issue." } });
    const before = article.issueId;
    await tx.article.update({ where: { id: articleId }, data: { issueId } });
    return outcome(
      { articleId, issueId },
      {
        // A published story shows the issue it ran in; the issue archive lists its stories.
        readerSiteChanged: isPublic(article.status),
        audit: before === issueId ? [] : [{ kind: "article.issue", actorId: actor.userId, subject: articleId, details: { headline: article.headline, from: before, to: issueId }, at: now }],
      },
    );
  });
}
