import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { entriesInOrder } from "@/lib/data/masthead";
import { COPY_ROLE_ORDER, POSITION_FOR_ROLE } from "@/lib/domain/masthead";
import { notFound } from "@/lib/errors";
import { ZMastheadVolumeRef } from "@/lib/validation/masthead";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Start a new year's masthead from today's staff: every active account's person, by role
 * (editors, writers, advisers), after whoever is listed already. People already on the
 * masthead keep their entry, so running it twice adds nothing (and records nothing).
 */
export async function copyCurrentStaffToVolume({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZMastheadVolumeRef>>) {
  if (!can(actor, "manage_masthead")) throw notFound("This page");
  const { volumeId } = parseInput(ZMastheadVolumeRef, raw);
  return inTransaction(tx, async (tx) => {
    const volume = await tx.volume.findUnique({ where: { id: volumeId }, select: { id: true, number: true } });
    if (!volume) throw notFound("That volume");
    const users = await tx.user.findMany({ where: { active: true }, select: { role: true, personId: true }, orderBy: { person: { fullName: "asc" } } });
    const existing = await entriesInOrder(tx, volume.id);
    const listed = new Set(existing.map((e) => e.personId));
    let rank = existing.length;
    let added = 0;
    for (const role of COPY_ROLE_ORDER) {
      for (const user of users.filter((u) => u.role === role && !listed.has(u.personId))) {
        await tx.mastheadEntry.create({ data: { volumeId: volume.id, personId: user.personId, position: POSITION_FOR_ROLE[role], rank: rank++ } });
        listed.add(user.personId);
        added++;
      }
    }
    return outcome(
      { added, volumeNumber: volume.number },
      added > 0
        ? { readerSiteChanged: true, audit: [{ kind: "masthead.copy_staff", actorId: actor.userId, subject: volume.id, details: { volume: volume.number, added }, at: now }] }
        : undefined,
    );
  });
}
