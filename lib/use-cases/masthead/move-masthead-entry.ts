import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { entriesInOrder, findMastheadEntry, writeRanks } from "@/lib/data/masthead";
import { moveItem } from "@/lib/domain/masthead";
import { notFound } from "@/lib/errors";
import { ZMastheadMove } from "@/lib/validation/masthead";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Move an entry one place up or down the volume's list (`manage_masthead`; 404 for anyone else). */
export async function moveMastheadEntry({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZMastheadMove>>) {
  if (!can(actor, "manage_masthead")) throw notFound("This page");
  const input = parseInput(ZMastheadMove, raw);
  return inTransaction(tx, async (tx) => {
    const entry = await findMastheadEntry(tx, input.entryId);
    const order = (await entriesInOrder(tx, entry.volumeId)).map((e) => e.id);
    await writeRanks(tx, entry.volumeId, moveItem(order, order.indexOf(entry.id), input.direction));
    return outcome(
      { volumeNumber: entry.volume.number, fullName: entry.person.fullName },
      {
        readerSiteChanged: true,
        audit: [{ kind: "masthead.move", actorId: actor.userId, subject: entry.volumeId, details: { volume: entry.volume.number, person: entry.person.fullName, direction: input.direction }, at: now }],
      },
    );
  });
}
