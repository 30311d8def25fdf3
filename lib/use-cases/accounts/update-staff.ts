import "server-only";
import type { z } from "zod";
import { can, type Role } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZStaffUpdate } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";
import { findManagedAccount } from "./managed-account";

/**
 * Change a role or deactivate/reactivate. Takes effect on the user's next request. Deactivating
 * or reactivating ends every session the account had: a reactivated account signs in afresh,
 * and a cookie copied before the deactivation stays dead.
 */
export async function updateStaff({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZStaffUpdate>>) {
  const input = parseInput(ZStaffUpdate, raw);
  return inTransaction(tx, async (tx) => {
    const adminMessage = "Only an administrator can change an administrator's account.";
    const target = await findManagedAccount(tx, { actor, userId: input.userId, adminMessage });
    if (input.role === "ADMIN" && !can(actor, "grant_admin")) throw new AppError("FORBIDDEN", adminMessage);
    const data: { role?: Role; active?: boolean } = {};
    if (input.role && input.role !== target.role) data.role = input.role;
    if (input.active !== undefined && input.active !== target.active) data.active = input.active;
    if (Object.keys(data).length === 0) return outcome(target);
    const sessionsEnd = data.active !== undefined ? { sessionsValidAfter: now } : {};
    const user = await tx.user.update({ where: { id: target.id }, data: { ...data, ...sessionsEnd }, select: { id: true, role: true, active: true, email: true } });
    return outcome(user, {
      // Names, grades and titles appear in bylines and on staff pages.
      readerSiteChanged: true,
      audit: [
        {
          kind: data.role ? "account.role_change" : data.active ? "account.reactivate" : "account.deactivate",
          actorId: actor.userId,
          subject: target.id,
          details: { email: target.email, before: { role: target.role, active: target.active }, after: data },
          at: now,
        },
      ],
    });
  });
}
