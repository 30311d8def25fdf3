import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { entriesInOrder, writeRanks } from "@/lib/data/masthead";
import { insertionIndex, samePosition } from "@/lib/domain/masthead";
import { AppError, notFound } from "@/lib/errors";
import { ZMastheadAdd } from "@/lib/validation/masthead";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Put a person on a volume's masthead, right after the others in the same position (editors and
 * advisers, `manage_masthead`; 404 for anyone else). A person is listed once per volume.
 */
export async function addMastheadEntry({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZMastheadAdd>>) {
  if (!can(actor, "manage_masthead")) throw notFound("This page");
  const input = parseInput(ZMastheadAdd, raw);
  return inTransaction(tx, async (tx) => {
    const volume = await tx.volume.findUnique({ where: { id: input.volumeId }, select: { id: true, number: true } });
    if (!volume) throw notFound("That volume");
    const person = await tx.person.findUnique({ where: { id: input.personId }, select: { id: true, fullName: true } });
    if (!person) throw new AppError("VALIDATION", "Choose a person from the list.", { fields: { personId: "Choose a person from the list." } });
    const existing = await entriesInOrder(tx, volume.id);
    if (existing.some((e) => e.personId === person.id)) {
      const message = `${person.fullName} is already on this volume's masthead; change their position instead.`;
      throw new AppError("VALIDATION", message, { fields: { personId: message } });
    }
    // Keep one spelling per position: "staff writer" joins an existing "Staff Writer".
    const position = existing.find((e) => samePosition(e.position, input.position))?.position ?? input.position;
    const entry = await tx.mastheadEntry.create({ data: { volumeId: volume.id, personId: person.id, position, rank: existing.length }, select: { id: true } });
    const order = existing.map((e) => e.id);
    order.splice(insertionIndex(existing, position), 0, entry.id);
    await writeRanks(tx, volume.id, order);
    return outcome(
      { id: entry.id, position, fullName: person.fullName, volumeNumber: volume.number },
      {
        // The public staff pages show every volume's masthead.
        readerSiteChanged: true,
        audit: [{ kind: "masthead.add", actorId: actor.userId, subject: volume.id, details: { volume: volume.number, person: person.fullName, position }, at: now }],
      },
    );
  });
}
