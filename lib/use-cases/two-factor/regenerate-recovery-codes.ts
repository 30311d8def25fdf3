import "server-only";
import { z } from "zod";
import { hashRecoveryCode, newRecoveryCodes } from "@/lib/auth/two-factor";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";
import { checkOwnCode } from "./own-code";

export const ZRegenerateRecoveryCodes = z.object({ code: z.string().trim().min(1, "Enter the code.").max(40, "That code is too long.") });

/**
 * Ten new recovery codes for the staff member's own account, proven with the authenticator's
 * current code (a recovery code does not make more). The old codes stop working; the new ones
 * are returned once, for the page to show, and stored only as hashes. Audited.
 */
export async function regenerateRecoveryCodes({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZRegenerateRecoveryCodes>>) {
  const input = parseInput(ZRegenerateRecoveryCodes, raw);
  const codes = newRecoveryCodes();
  return inTransaction(tx, async (tx) => {
    await checkOwnCode(tx, { userId: actor.userId, code: input.code, now, recovery: false });
    await tx.twoFactor.update({ where: { userId: actor.userId }, data: { recoveryHashes: JSON.stringify(codes.map(hashRecoveryCode)) } });
    return outcome({ recoveryCodes: codes }, { audit: [{ kind: "account.two_factor_recovery_regenerate", actorId: actor.userId, subject: actor.userId, at: now }] });
  });
}
