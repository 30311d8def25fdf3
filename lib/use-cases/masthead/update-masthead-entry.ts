import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { findMastheadEntry } from "@/lib/data/masthead";
import { notFound } from "@/lib/errors";
import { ZMastheadUpdate } from "@/lib/validation/masthead";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Change the position someone held that year (`manage_masthead`; 404 for anyone else). */
export async function updateMastheadEntry({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZMastheadUpdate>>) {
  if (!can(actor, "manage_masthead")) throw notFound("This page");
  const input = parseInput(ZMastheadUpdate, raw);
  return inTransaction(tx, async (tx) => {
    const entry = await findMastheadEntry(tx, input.entryId);
    await tx.mastheadEntry.update({ where: { id: entry.id }, data: { position: input.position } });
    return outcome(
      { volumeNumber: entry.volume.number, fullName: entry.person.fullName },
      {
        readerSiteChanged: true,
        audit: [
          { kind: "masthead.update", actorId: actor.userId, subject: entry.volumeId, details: { volume: entry.volume.number, person: entry.person.fullName, from: entry.position, to: input.position }, at: now },
        ],
      },
    );
  });
}
