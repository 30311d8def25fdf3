import "server-only";
import { newTotpSecret } from "@/lib/auth/two-factor";
import { AppError } from "@/lib/errors";
import { inTransaction, outcome, type Tx } from "../transaction";

/**
 * A new authenticator secret for the account, not yet in force: it counts only once a code from
 * it is confirmed (confirm-enrolment.ts). Starting again replaces an unconfirmed secret; an
 * account with a confirmed one is refused (an admin resets a lost one).
 */
export async function startTwoFactorEnrolment({ userId, tx }: { userId: string; tx?: Tx }) {
  const secret = newTotpSecret();
  return inTransaction(tx, async (tx) => {
    const existing = await tx.twoFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw new AppError("CONFLICT", "Two-factor sign-in is already on for your account.");
    await tx.twoFactor.upsert({ where: { userId }, create: { userId, secret }, update: { secret, lastStep: 0, recoveryHashes: "[]", createdAt: new Date() } });
    return outcome({ secret });
  });
}
