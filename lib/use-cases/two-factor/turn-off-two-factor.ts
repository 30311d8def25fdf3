import "server-only";
import { z } from "zod";
import { mayTurnOffOwnSecondFactor } from "@/lib/auth/policy";
import { getSignInSettings } from "@/lib/data/sign-in-settings";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";
import { checkOwnCode } from "./own-code";

export const ZTurnOffTwoFactor = z.object({ code: z.string().trim().min(1, "Enter the code.").max(40, "That code is too long.") });

/**
 * A staff member turns off their own two-factor sign-in, proving it with the authenticator's
 * current code or a recovery code. Refused while the publication requires a second factor for
 * their role. The secret and recovery codes are deleted; audited.
 */
export async function turnOffTwoFactor({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZTurnOffTwoFactor>>) {
  const input = parseInput(ZTurnOffTwoFactor, raw);
  return inTransaction(tx, async (tx) => {
    const { twoFactor } = await getSignInSettings(tx);
    if (!mayTurnOffOwnSecondFactor(actor.role, twoFactor)) {
      throw new AppError("FORBIDDEN", "The publication requires two-factor sign-in for your role, so it cannot be turned off.");
    }
    const { via } = await checkOwnCode(tx, { userId: actor.userId, code: input.code, now, recovery: true });
    await tx.twoFactor.delete({ where: { userId: actor.userId } });
    return outcome({ off: true as const }, { audit: [{ kind: "account.two_factor_disable", actorId: actor.userId, subject: actor.userId, details: { via }, at: now }] });
  });
}
