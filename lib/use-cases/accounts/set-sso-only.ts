import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

export const ZSsoOnly = z.object({ userId: z.string().min(1).max(64), ssoOnly: z.enum(["on", "off"]).transform((v) => v === "on") });

/**
 * An adviser switches a staff member to "SSO only" (their password no longer signs in) or back
 * to password and single sign-on. Sessions they have stay; their next password sign-in is refused.
 */
export async function setSsoOnly({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZSsoOnly>>) {
  const input = parseInput(ZSsoOnly, raw);
  return inTransaction(tx, async (tx) => {
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true, email: true } });
    if (!target || !can(actor, "manage_account", { userId: target.id, role: target.role })) throw new AppError("NOT_FOUND", "No such account.");
    await tx.user.update({ where: { id: target.id }, data: { ssoOnly: input.ssoOnly } });
    return outcome(
      { email: target.email, ssoOnly: input.ssoOnly },
      { audit: [{ kind: "account.sso_only", actorId: actor.userId, subject: target.id, details: { ssoOnly: input.ssoOnly }, at: now }] },
    );
  });
}
