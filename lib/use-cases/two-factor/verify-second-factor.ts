import "server-only";
import { isSealedTotpSecret, matchRecoveryCode, openTotpSecret, sealTotpSecret, secretKey } from "@/lib/auth/two-factor";
import { markSecondFactorGiven } from "@/lib/data/sessions";
import { matchTotp, normaliseTotp } from "@/lib/domain/totp";
import { AppError } from "@/lib/errors";
import { inTransaction, outcome, type Tx } from "../transaction";

export type TVerifySecondFactor = { code: string };
export type SecondFactorResult = { ok: true; via: "totp" | "recovery"; recoveryCodesLeft?: number } | { ok: false };

/**
 * The code a signed-in session owes: six digits from the authenticator (±1 step, never a step
 * already used) or one of the recovery codes, which is then spent. A wrong code returns
 * `{ ok: false }` with its audit entry (the caller refuses it; the rate limit has counted it).
 */
export async function verifySecondFactor({ userId, sessionId, input, tx, now = new Date() }: { userId: string; sessionId: string; input: TVerifySecondFactor; tx?: Tx; now?: Date }) {
  return inTransaction<SecondFactorResult>(tx, async (tx) => {
    const row = await tx.twoFactor.findUnique({ where: { userId }, select: { secret: true, lastStep: true, recoveryHashes: true, confirmedAt: true } });
    if (!row?.confirmedAt) throw new AppError("NOT_FOUND", "Two-factor sign-in is not on for this account.");
    if (!isSealedTotpSecret(row.secret)) {
      // A row from before secrets were sealed is sealed on this, its first use since.
      await tx.twoFactor.updateMany({ where: { userId, secret: row.secret }, data: { secret: sealTotpSecret(row.secret, userId) } });
    }
    if (normaliseTotp(input.code)) {
      const { secret } = openTotpSecret(row.secret, userId);
      const step = matchTotp({ key: secretKey(secret), code: input.code, now: now.getTime(), lastStep: row.lastStep });
      if (step !== null) {
        // Compare-and-swap on lastStep: two requests with the same code cannot both pass.
        const { count } = await tx.twoFactor.updateMany({ where: { userId, lastStep: row.lastStep }, data: { lastStep: step } });
        if (count === 1) {
          await markSecondFactorGiven(tx, { sessionId, how: "totp" });
          return outcome({ ok: true, via: "totp" });
        }
      }
    } else {
      const hashes = JSON.parse(row.recoveryHashes) as string[];
      const index = matchRecoveryCode(input.code, hashes);
      if (index >= 0) {
        const left = hashes.filter((_, i) => i !== index);
        const { count } = await tx.twoFactor.updateMany({ where: { userId, recoveryHashes: row.recoveryHashes }, data: { recoveryHashes: JSON.stringify(left) } });
        if (count === 1) {
          await markSecondFactorGiven(tx, { sessionId, how: "recovery" });
          return outcome(
            { ok: true, via: "recovery", recoveryCodesLeft: left.length },
            { audit: [{ kind: "account.two_factor_recovery_used", actorId: userId, subject: userId, details: { left: left.length }, at: now }] },
          );
        }
      }
    }
    return outcome({ ok: false }, { audit: [{ kind: "auth.second_factor_failed", actorId: userId, subject: userId, details: { sessionId }, at: now }] });
  });
}
