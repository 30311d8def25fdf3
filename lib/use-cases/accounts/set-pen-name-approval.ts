import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { syncPersonSlug } from "@/lib/data/people";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZPenNameApproval } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Faculty approve (or withdraw approval of) a student's pen name; bylines follow at once. */
export async function setPenNameApproval({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZPenNameApproval>>) {
  if (!can(actor, "approve_pen_name")) throw new AppError("NOT_FOUND", "This page was not found.");
  const { personId, approved } = parseInput(ZPenNameApproval, raw);
  return inTransaction(tx, async (tx) => {
    const person = await tx.person.findUnique({ where: { id: personId }, select: { id: true, penName: true } });
    if (!person || !person.penName) throw new AppError("NOT_FOUND", "That pen name was not found.");
    await tx.person.update({ where: { id: personId }, data: { penNameApproved: approved } });
    // Bylines now link to /authors/<pen-name>; the legal-name address answers 404 (no redirect).
    await syncPersonSlug(tx, { personId });
    return outcome(
      { personId, approved },
      {
        readerSiteChanged: true,
        audit: [{ kind: approved ? "person.pen_name_approve" : "person.pen_name_revoke", actorId: actor.userId, subject: personId, details: { penName: person.penName }, at: now }],
      },
    );
  });
}
