import "server-only";
import type { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/data/db";
import { hashToken } from "@/lib/data/tokens";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZResetWithToken } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

const EXPIRED = "This reset link has expired or was already used. Ask for a new one.";

/**
 * Set a new password from an emailed reset link. The token must be unused, unexpired and belong
 * to an active account; it is spent in the same transaction (a second use, even racing, fails),
 * and every session of the account ends (sessionsValidAfter).
 */
export async function resetPasswordWithToken({ input: raw, tx, now = new Date() }: Omit<UseCaseArgs<z.input<typeof ZResetWithToken>>, "actor">) {
  const input = parseInput(ZResetWithToken, raw);
  const tokenHash = hashToken(input.token);
  // Hashing is slow on purpose: before the transaction. A dead link is refused before it too.
  const found = await (tx ?? db).passwordResetToken.findUnique({ where: { tokenHash }, select: { usedAt: true, expiresAt: true } });
  if (!found || found.usedAt || found.expiresAt <= now) throw new AppError("VALIDATION", EXPIRED, { fields: { token: EXPIRED } });
  const passwordHash = await hashPassword(input.password);
  return inTransaction(tx, async (tx) => {
    const row = await tx.passwordResetToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true, user: { select: { active: true } } } });
    const spent = row ? await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } }) : { count: 0 };
    if (!row || spent.count === 0 || !row.user.active) throw new AppError("VALIDATION", EXPIRED, { fields: { token: EXPIRED } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, sessionsValidAfter: now } });
    return outcome({ userId: row.userId }, { audit: [{ kind: "account.password_reset_by_email", actorId: row.userId, subject: row.userId, at: now }] });
  });
}
