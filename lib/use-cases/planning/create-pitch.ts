import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { findSectionId } from "@/lib/data/planning";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZPitchCreate } from "@/lib/validation/planning";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Pitch a story idea (anyone on staff). It waits, OPEN, for an editor's decision. */
export async function createPitch({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZPitchCreate>>) {
  const input = parseInput(ZPitchCreate, raw);
  if (!can(actor, "create_article")) throw new AppError("FORBIDDEN", "You may not pitch stories.");
  return inTransaction(tx, async (tx) => {
    const sectionId = input.section ? await findSectionId(tx, input.section) : null;
    if (input.section && !sectionId) throw new AppError("VALIDATION", "Choose a section from the list.", { fields: { section: "Choose a section from the list." } });
    const pitch = await tx.pitch.create({
      data: { title: input.title, angle: input.angle, sources: input.sources, sectionId, pitchedById: actor.userId, createdAt: now },
      select: { id: true, title: true, status: true },
    });
    return outcome(pitch);
  });
}
