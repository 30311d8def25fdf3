import "server-only";
import type { z } from "zod";
import { syncPersonSlug } from "@/lib/data/people";
import { parseInput } from "@/lib/validation/parse";
import { ZProfile } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** The signed-in user's own public profile: bio, how their name appears, a pen name to request. */
export async function updateOwnProfile({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZProfile>>) {
  const input = parseInput(ZProfile, raw);
  return inTransaction(tx, async (tx) => {
    const person = await tx.person.findUniqueOrThrow({ where: { id: actor.personId }, select: { penName: true } });
    // A new or changed pen name waits for an adviser's approval; until then the byline falls back.
    const penNameChanged = input.penName !== (person.penName ?? null);
    await tx.person.update({
      where: { id: actor.personId },
      data: { bio: input.bio, nameDisplay: input.nameDisplay, penName: input.penName, ...(penNameChanged ? { penNameApproved: false } : {}) },
    });
    // The author page's address follows the public name (and the old one stops answering).
    await syncPersonSlug(tx, { personId: actor.personId });
    return outcome(
      { personId: actor.personId },
      {
        // Bylines, author and staff pages show the bio and the chosen name.
        readerSiteChanged: true,
        audit: [{ kind: "person.profile_update", actorId: actor.userId, subject: actor.personId, details: input, at: now }],
      },
    );
  });
}
