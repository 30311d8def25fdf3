import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { syncDefaultDisplaySlugs } from "@/lib/data/people";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZSettings } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** The publication's name, tagline, time zone, review policy and default name display (faculty). */
export async function updatePublicationSettings({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZSettings>>) {
  if (!can(actor, "manage_settings")) throw new AppError("NOT_FOUND", "This page was not found.");
  const settings = parseInput(ZSettings, raw);
  return inTransaction(tx, async (tx) => {
    const before = await tx.publication.findUnique({ where: { id: 1 } });
    await tx.publication.upsert({ where: { id: 1 }, update: settings, create: { id: 1, ...settings } });
    // Author pages' addresses follow the public name of everyone who uses the default.
    if ((before?.nameDisplayDefault ?? "FULL") !== settings.nameDisplayDefault) await syncDefaultDisplaySlugs(tx, { nameDisplayDefault: settings.nameDisplayDefault });
    return outcome(settings, {
      // The name and tagline head every reader page; the time zone dates every story.
      readerSiteChanged: true,
      audit: [
        {
          kind: "settings.update",
          actorId: actor.userId,
          subject: "publication",
          details: {
            before: before
              ? { name: before.name, tagline: before.tagline, timeZone: before.timeZone, reviewPolicy: before.reviewPolicy, nameDisplayDefault: before.nameDisplayDefault }
              : null,
            after: settings,
          },
          at: now,
        },
      ],
    });
  });
}
