import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

export const ZTwoFactorReset = z.object({ userId: z.string().min(1).max(64) });

/**
 * An admin clears a staff member's lost authenticator and recovery codes: they sign in with
 * their password or single sign-on alone, and enrol again (at once, when the publication
 * requires a second factor). Audited; the secret is never shown or logged.
 */
export async function resetTwoFactor({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZTwoFactorReset>>) {
  if (!can(actor, "reset_second_factor")) throw new AppError("NOT_FOUND", "This page was not found.");
  const input = parseInput(ZTwoFactorReset, raw);
  return inTransaction(tx, async (tx) => {
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true, email: true } });
    if (!target || !can(actor, "manage_account", { userId: target.id, role: target.role })) throw new AppError("NOT_FOUND", "No such account.");
    const { count } = await tx.twoFactor.deleteMany({ where: { userId: target.id } });
    if (count === 0) throw new AppError("CONFLICT", "That account has no second factor to reset.");
    return outcome({ userId: target.id, email: target.email }, { audit: [{ kind: "account.two_factor_reset", actorId: actor.userId, subject: target.id, at: now }] });
  });
}
