import "server-only";
import { newTotpSecret, sealTotpSecret } from "@/lib/auth/two-factor";
import { AppError } from "@/lib/errors";
import { inTransaction, outcome, type Tx } from "../transaction";

/**
 * A new authenticator secret for the account, not yet in force: it counts only once a code from
 * it is confirmed (confirm-enrolment.ts). Starting again replaces an unconfirmed secret; an
 * account with a confirmed one is refused (an admin resets a lost one). The row holds the secret
 * sealed (AES-256-GCM); the plain secret is returned once, for the QR code.
 */
export async function startTwoFactorEnrolment({ userId, tx }: { userId: string; tx?: Tx }) {
  const secret = newTotpSecret();
  return inTransaction(tx, async (tx) => {
    const existing = await tx.twoFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw new AppError("CONFLICT", "Two-factor sign-in is already on for your account.");
    const sealed = sealTotpSecret(secret, userId);
    await tx.twoFactor.upsert({ where: { userId }, create: { userId, secret: sealed }, update: { secret: sealed, lastStep: 0, recoveryHashes: "[]", createdAt: new Date() } });
    return outcome({ secret });
  });
}
