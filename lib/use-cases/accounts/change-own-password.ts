import "server-only";
import type { z } from "zod";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZPasswordChange } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Change your own password (the current one is required); your other sessions end. */
export async function changeOwnPassword({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZPasswordChange>>) {
  const input = parseInput(ZPasswordChange, raw);
  // Verifying and hashing are slow on purpose: both happen before the transaction.
  const user = await (tx ?? db).user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    throw new AppError("VALIDATION", "That is not your current password.", { fields: { current: "That is not your current password." } });
  }
  const passwordHash = await hashPassword(input.next);
  return inTransaction(tx, async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash, sessionsValidAfter: now } });
    return outcome({ userId: actor.userId }, { actorSignedOut: true, audit: [{ kind: "account.password_change", actorId: actor.userId, subject: actor.userId, at: now }] });
  });
}
