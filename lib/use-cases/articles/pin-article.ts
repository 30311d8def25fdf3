import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor } from "@/lib/data/articles";
import { canBePinned, isPublic } from "@/lib/domain/workflow";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** A front-page slot: 1 = the lead, 2..5 = the features; null = by date (not pinned). */
export const ZPinArticle = z.object({
  pinRank: z.number({ error: "Choose a place on the front page." }).int().min(1, "Choose a place on the front page.").max(5, "Choose a place on the front page.").nullable(),
});

/**
 * Pin a published story to the front page or unpin it (editors and advisers). One story per
 * slot: whoever held the rank is unpinned in the same transaction. The story's own write is a
 * compare-and-swap on its version and status, so a story unpublished meanwhile is never pinned.
 */
export async function pinArticle({ actor, id, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZPinArticle>> & { id: string }) {
  const { pinRank } = parseInput(ZPinArticle, raw);
  return inTransaction(tx, async (tx) => {
    const current = await findArticleForActor({ id, actor, tx });
    if (!can(actor, "pin", factsOf(current))) throw new AppError("FORBIDDEN", "Only editors and advisers arrange the front page.");
    if (pinRank !== null && !canBePinned(current.status)) throw new AppError("INVALID_TRANSITION", "Only a published story can be pinned.");
    if (pinRank !== null) await tx.article.updateMany({ where: { pinRank, id: { not: id } }, data: { pinRank: null } });
    const swapped = await tx.article.updateMany({ where: { id, version: current.version, status: current.status }, data: { pinRank } });
    if (swapped.count === 0) throw new AppError("CONFLICT", "The story changed while you were looking at it. Reload and try again.");
    return outcome(
      { id, slug: current.slug, pinRank },
      {
        readerSiteChanged: isPublic(current.status),
        audit: [{ kind: "article.pin", actorId: actor.userId, subject: id, details: { headline: current.headline, pinRank }, at: now }],
      },
    );
  });
}
