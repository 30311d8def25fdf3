import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { isDomainName, parseDomains } from "@/lib/domain/sign-in";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

export const ZSignInSettings = z.object({
  ssoAllowedDomains: z
    .string()
    .max(1000, "That list is too long.")
    .default("")
    .transform((raw) => parseDomains(raw))
    .refine((domains) => domains.every(isDomainName), { message: "Enter domains like school.org, separated by commas." })
    .transform((domains) => domains.join(", ")),
  twoFactorRequired: checkbox,
  twoFactorEditors: checkbox,
});

/** The sign-in settings (faculty): which email domains single sign-on accepts, and who must use a second factor. */
export async function updateSignInSettings({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZSignInSettings>>) {
  if (!can(actor, "manage_settings")) throw new AppError("NOT_FOUND", "This page was not found.");
  const settings = parseInput(ZSignInSettings, raw);
  return inTransaction(tx, async (tx) => {
    const before = await tx.publication.findUnique({ where: { id: 1 }, select: { ssoAllowedDomains: true, twoFactorRequired: true, twoFactorEditors: true } });
    if (!before) throw new AppError("NOT_FOUND", "Finish setting up the publication first.");
    await tx.publication.update({ where: { id: 1 }, data: settings });
    return outcome(settings, { audit: [{ kind: "settings.update", actorId: actor.userId, subject: "sign_in", details: { before, after: settings }, at: now }] });
  });
}
