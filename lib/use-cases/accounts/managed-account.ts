import "server-only";
import { type Actor, can } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import type { Tx } from "../transaction";

const SELF = "You cannot change your own role or deactivate yourself; ask another adviser.";

/**
 * The account faculty may change, or the refusal users see: 404 for staff who may not manage
 * accounts or for no such account, 403 for their own account or an administrator's.
 */
export async function findManagedAccount(
  tx: Tx,
  { actor, userId, adminMessage, selfMessage = SELF }: { actor: Actor; userId: string; adminMessage: string; selfMessage?: string },
) {
  if (!can(actor, "manage_staff")) throw new AppError("NOT_FOUND", "This page was not found.");
  const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, active: true, email: true } });
  if (!target) throw new AppError("NOT_FOUND", "That account was not found.");
  if (!can(actor, "manage_account", { userId: target.id, role: target.role })) {
    throw new AppError("FORBIDDEN", target.id === actor.userId ? selfMessage : adminMessage);
  }
  return target;
}
