import "server-only";
import { matchRecoveryCode, openTotpSecret, sealTotpSecret, secretKey } from "@/lib/auth/two-factor";
import { matchTotp, normaliseTotp } from "@/lib/domain/totp";
import { AppError } from "@/lib/errors";
import type { Tx } from "../transaction";

/**
 * Checks a code the signed-in staff member types to change their own second factor: the
 * authenticator's current code (±1 step, never a step already used), or — when `recovery` is
 * allowed — one unused recovery code, which is then spent. A wrong code throws BAD_REQUEST.
 */
export async function checkOwnCode(tx: Tx, { userId, code, now, recovery }: { userId: string; code: string; now: Date; recovery: boolean }): Promise<{ via: "totp" | "recovery" }> {
  const row = await tx.twoFactor.findUnique({ where: { userId }, select: { secret: true, lastStep: true, recoveryHashes: true, confirmedAt: true } });
  if (!row?.confirmedAt) throw new AppError("CONFLICT", "Two-factor sign-in is not on for your account.");
  const wrong = new AppError("BAD_REQUEST", "That code is not right.", {
    fields: { code: recovery ? "That code is not right. Enter the app's current code, or a recovery code." : "That code is not right. Enter the six digits the app shows now." },
  });
  if (normaliseTotp(code)) {
    const { secret, legacy } = openTotpSecret(row.secret, userId);
    const step = matchTotp({ key: secretKey(secret), code, now: now.getTime(), lastStep: row.lastStep });
    if (step === null) throw wrong;
    const { count } = await tx.twoFactor.updateMany({ where: { userId, lastStep: row.lastStep }, data: { lastStep: step, ...(legacy ? { secret: sealTotpSecret(secret, userId) } : {}) } });
    if (count !== 1) throw wrong;
    return { via: "totp" };
  }
  if (!recovery) throw wrong;
  const hashes = JSON.parse(row.recoveryHashes) as string[];
  const index = matchRecoveryCode(code, hashes);
  if (index < 0) throw wrong;
  const { count } = await tx.twoFactor.updateMany({ where: { userId, recoveryHashes: row.recoveryHashes }, data: { recoveryHashes: JSON.stringify(hashes.filter((_, i) => i !== index)) } });
  if (count !== 1) throw wrong;
  return { via: "recovery" };
}
