import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor } from "@/lib/data/articles";
import { AppError } from "@/lib/errors";
import { ZTakedownRequest } from "@/lib/validation/corrections";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Record a takedown request (editors and advisers); the decision comes later. */
export async function recordTakedownRequest({ actor, articleId, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZTakedownRequest>> & { articleId: string }) {
  const input = parseInput(ZTakedownRequest, raw);
  return inTransaction(tx, async (tx) => {
    const article = await findArticleForActor({ id: articleId, actor, tx });
    if (!can(actor, "correct", factsOf(article))) throw new AppError("FORBIDDEN", "Only editors and advisers record takedown requests.");
    const request = await tx.takedownRequest.create({ data: { articleId, ...input, createdAt: now } });
    return outcome(request, {
      audit: [{ kind: "takedown.request", actorId: actor.userId, subject: articleId, details: { requestId: request.id, requesterName: input.requesterName, reason: input.reason }, at: now }],
    });
  });
}
