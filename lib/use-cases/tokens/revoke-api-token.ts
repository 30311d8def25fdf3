import "server-only";
import type { z } from "zod";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZTokenRevoke } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Revoke one of your own tokens (ownership in the where clause): someone else's is 404. */
export async function revokeApiToken({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZTokenRevoke>>) {
  const { tokenId } = parseInput(ZTokenRevoke, raw);
  return inTransaction(tx, async (tx) => {
    const result = await tx.apiToken.updateMany({ where: { id: tokenId, userId: actor.userId, revokedAt: null }, data: { revokedAt: now } });
    if (result.count === 0) throw notFound("That token");
    return outcome({ tokenId }, { audit: [{ kind: "token.revoke", actorId: actor.userId, subject: tokenId, at: now }] });
  });
}
