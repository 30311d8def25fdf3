import "server-only";
import type { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { can } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZPasswordReset } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";
import { findManagedAccount } from "./managed-account";

/**
 * Faculty set a new temporary password; every existing session of that user ends at once. A
 * reset is what an adviser does when an account may be in the wrong hands, so the account's API
 * tokens go with its sessions (the owner can make new ones after signing in).
 */
export async function resetPassword({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZPasswordReset>>) {
  if (!can(actor, "manage_staff")) throw new AppError("NOT_FOUND", "This page was not found.");
  const input = parseInput(ZPasswordReset, raw);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(tx, async (tx) => {
    const target = await findManagedAccount(tx, {
      actor,
      userId: input.userId,
      adminMessage: "Only an administrator can reset an administrator's password.",
      selfMessage: "Change your own password on your account page.",
    });
    await tx.user.update({ where: { id: target.id }, data: { passwordHash, sessionsValidAfter: now } });
    const tokens = await tx.apiToken.updateMany({ where: { userId: target.id, revokedAt: null }, data: { revokedAt: now } });
    return outcome(
      { userId: target.id },
      { audit: [{ kind: "account.password_reset", actorId: actor.userId, subject: target.id, details: { email: target.email, tokensRevoked: tokens.count }, at: now }] },
    );
  });
}
