import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { AppError, notFound } from "@/lib/errors";
import { ZVolume } from "@/lib/validation/issues";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Open a volume (a school year): editors and advisers (`plan_issues`); to anyone else the
 * planning pages do not exist (404). Its number is unique.
 */
export async function createVolume({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZVolume>>) {
  if (!can(actor, "plan_issues")) throw notFound("This page");
  const input = parseInput(ZVolume, raw);
  return inTransaction(tx, async (tx) => {
    if (await tx.volume.findUnique({ where: { number: input.number }, select: { id: true } })) {
      throw new AppError("VALIDATION", "That volume already exists.", { fields: { number: "That volume already exists." } });
    }
    const volume = await tx.volume.create({ data: input });
    return outcome(volume, {
      // The public staff page shows the volume whose school year it is.
      readerSiteChanged: true,
      audit: [{ kind: "volume.create", actorId: actor.userId, subject: volume.id, details: { number: volume.number, label: volume.label }, at: now }],
    });
  });
}
