import "server-only";
import type { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { lockForTransaction } from "@/lib/data/locks";
import { nextPersonSlug } from "@/lib/data/people";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZSetup } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * First run: create the publication and its first adviser. Nobody is signed in yet, so there is
 * no actor: the rule is that no account exists. It closes for good once one does; the check and
 * the insert share one transaction so two racing requests cannot both win.
 */
export async function createFirstAdviser({ input: raw, tx, now = new Date() }: Omit<UseCaseArgs<z.input<typeof ZSetup>>, "actor">) {
  const input = parseInput(ZSetup, raw);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(tx, async (tx) => {
    await lockForTransaction(tx, "first-run setup");
    if ((await tx.user.count()) > 0) throw new AppError("NOT_FOUND", "This newsroom is already set up.");
    await tx.publication.upsert({
      where: { id: 1 },
      update: { name: input.publicationName, timeZone: input.timeZone },
      create: { id: 1, name: input.publicationName, timeZone: input.timeZone },
    });
    const person = await tx.person.create({ data: { fullName: input.fullName, slug: await nextPersonSlug(tx, input.fullName), title: "Adviser" } });
    const user = await tx.user.create({ data: { email: input.email, passwordHash, role: "ADVISER", personId: person.id }, select: { id: true } });
    // The reader site now has a name.
    return outcome(user, { readerSiteChanged: true, audit: [{ kind: "setup.complete", actorId: user.id, subject: input.email, at: now }] });
  });
}
