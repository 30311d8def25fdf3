import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor } from "@/lib/data/articles";
import { isPublic, takesCorrections } from "@/lib/domain/workflow";
import { AppError } from "@/lib/errors";
import { ZCorrection } from "@/lib/validation/corrections";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Append a dated correction or editor's note (editors and advisers, on a story that has been
 * published). Corrections are never edited or removed, and each marks a revision, so the history
 * shows the story as it stood when it was corrected. The story's version moves with it (a
 * compare-and-swap), so an editor's open copy learns of the change at its next save.
 */
export async function addCorrection({ actor, articleId, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZCorrection>> & { articleId: string }) {
  const input = parseInput(ZCorrection, raw);
  return inTransaction(tx, async (tx) => {
    const article = await findArticleForActor({ id: articleId, actor, tx });
    if (!can(actor, "correct", factsOf(article))) throw new AppError("FORBIDDEN", "Only editors and advisers add corrections.");
    if (!takesCorrections(article.status)) throw new AppError("INVALID_TRANSITION", "Corrections are for stories that have been published.");
    const correction = await tx.correction.create({ data: { articleId, createdById: actor.userId, ...input, createdAt: now } });
    const swapped = await tx.article.updateMany({ where: { id: articleId, version: article.version, status: article.status }, data: { version: { increment: 1 } } });
    if (swapped.count === 0) throw new AppError("CONFLICT", "The story changed while you were looking at it. Reload and try again.");
    const updated = await tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true, headline: true, dek: true, bodyJson: true, bodyText: true, leadImageId: true, leadImageCaption: true } });
    await tx.revision.create({ data: { articleId, authorId: actor.userId, ...updated, event: "correction", createdAt: now } });
    return outcome(correction, {
      // A correction shows on the story, in its feed entry and on the corrections page.
      readerSiteChanged: isPublic(article.status),
      audit: [{ kind: "article.correction", actorId: actor.userId, subject: articleId, details: { headline: article.headline, ...input }, at: now }],
    });
  });
}
