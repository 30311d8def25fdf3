import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { entriesInOrder, findMastheadEntry, writeRanks } from "@/lib/data/masthead";
import { notFound } from "@/lib/errors";
import { ZMastheadEntryRef } from "@/lib/validation/masthead";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Take someone off a volume's masthead (`manage_masthead`; 404 for anyone else). Their person,
 * bylines and account are untouched.
 */
export async function removeMastheadEntry({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZMastheadEntryRef>>) {
  if (!can(actor, "manage_masthead")) throw notFound("This page");
  const { entryId } = parseInput(ZMastheadEntryRef, raw);
  return inTransaction(tx, async (tx) => {
    const entry = await findMastheadEntry(tx, entryId);
    await tx.mastheadEntry.delete({ where: { id: entry.id } });
    await writeRanks(tx, entry.volumeId, (await entriesInOrder(tx, entry.volumeId)).map((e) => e.id));
    return outcome(
      { volumeNumber: entry.volume.number, fullName: entry.person.fullName },
      {
        readerSiteChanged: true,
        audit: [{ kind: "masthead.remove", actorId: actor.userId, subject: entry.volumeId, details: { volume: entry.volume.number, person: entry.person.fullName, position: entry.position }, at: now }],
      },
    );
  });
}
