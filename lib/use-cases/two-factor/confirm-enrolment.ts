import "server-only";
import { hashRecoveryCode, newRecoveryCodes, openTotpSecret, sealTotpSecret, secretKey } from "@/lib/auth/two-factor";
import { markSecondFactorGiven } from "@/lib/data/sessions";
import { matchTotp } from "@/lib/domain/totp";
import { AppError } from "@/lib/errors";
import { inTransaction, outcome, type Tx } from "../transaction";

export type TConfirmEnrolment = { code: string };

/**
 * The first code from the new authenticator proves it works: two-factor sign-in is then on, and
 * ten recovery codes are made. They are returned once, for the page to show, and stored only
 * as hashes. The session doing this has given its second factor.
 */
export async function confirmTwoFactorEnrolment({ userId, sessionId, input, tx, now = new Date() }: { userId: string; sessionId: string; input: TConfirmEnrolment; tx?: Tx; now?: Date }) {
  const codes = newRecoveryCodes();
  const hashes = codes.map(hashRecoveryCode);
  return inTransaction(tx, async (tx) => {
    const row = await tx.twoFactor.findUnique({ where: { userId }, select: { secret: true, lastStep: true, confirmedAt: true } });
    if (!row) throw new AppError("NOT_FOUND", "Start again: set up the authenticator app first.");
    if (row.confirmedAt) throw new AppError("CONFLICT", "Two-factor sign-in is already on for your account.");
    const { secret, legacy } = openTotpSecret(row.secret, userId);
    const step = matchTotp({ key: secretKey(secret), code: input.code, now: now.getTime(), lastStep: row.lastStep });
    if (step === null) throw new AppError("BAD_REQUEST", "That code is not right.", { fields: { code: "That code is not right. Enter the six digits the app shows now." } });
    await tx.twoFactor.update({ where: { userId }, data: { confirmedAt: now, lastStep: step, recoveryHashes: JSON.stringify(hashes), ...(legacy ? { secret: sealTotpSecret(secret, userId) } : {}) } });
    await markSecondFactorGiven(tx, { sessionId, how: "totp" });
    return outcome({ recoveryCodes: codes }, { audit: [{ kind: "account.two_factor_enrol", actorId: userId, subject: userId, at: now }] });
  });
}
