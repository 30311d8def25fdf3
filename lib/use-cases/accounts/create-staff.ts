import "server-only";
import type { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { can } from "@/lib/auth/policy";
import { nextPersonSlug } from "@/lib/data/people";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZStaffCreate } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Faculty add a staff account with a temporary password; only an administrator adds an administrator. */
export async function createStaff({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZStaffCreate>>) {
  if (!can(actor, "manage_staff")) throw new AppError("NOT_FOUND", "This page was not found.");
  const input = parseInput(ZStaffCreate, raw);
  if (input.role === "ADMIN" && !can(actor, "grant_admin")) {
    throw new AppError("FORBIDDEN", "Only an administrator can create another administrator.", { fields: { role: "Only an administrator can grant this role." } });
  }
  const passwordHash = await hashPassword(input.password);
  return inTransaction(tx, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw new AppError("VALIDATION", "That email already has an account.", { fields: { email: "That email already has an account." } });
    const person = await tx.person.create({
      data: {
        fullName: input.fullName,
        slug: await nextPersonSlug(tx, input.fullName),
        graduationYear: input.graduationYear,
        title: input.role === "ADVISER" ? "Adviser" : null,
      },
    });
    const user = await tx.user.create({ data: { email: input.email, passwordHash, role: input.role, personId: person.id }, select: { id: true, email: true, role: true } });
    return outcome(user, {
      // The public staff page lists current staff.
      readerSiteChanged: true,
      audit: [{ kind: "account.create", actorId: actor.userId, subject: user.id, details: { email: user.email, role: user.role }, at: now }],
    });
  });
}
