import "server-only";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { hashToken } from "@/lib/data/tokens";
import { parseInput } from "@/lib/validation/parse";
import { ZForgotPassword } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Who to email, and the token (in the clear only here, on its way to the email). */
export type ResetDelivery = { email: string; name: string; token: string };

/** The one answer to every well-formed request, whether or not the address has an account. */
export const RESET_SENT_MESSAGE = "If an active account uses that address, we have emailed it a link to choose a new password. The link works once, within an hour.";
export const NO_MAIL_MESSAGE = "This newsroom sends no email, so passwords cannot be reset by email. Ask your adviser: they reset passwords on the Staff page.";

/** A reset link works for this long, and once. */
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * "Forgot password": for an active account with this email, a fresh single-use token (only its
 * SHA-256 is stored) that expires within the hour; earlier unused tokens of the account stop
 * working. Nobody is signed in, so there is no actor. The caller emails the token and answers
 * the same whether or not `delivery` is null: the page never says whether an account exists.
 */
export async function requestPasswordReset({ input: raw, tx, now = new Date() }: Omit<UseCaseArgs<z.input<typeof ZForgotPassword>>, "actor">) {
  const { email } = parseInput(ZForgotPassword, raw);
  const token = randomBytes(32).toString("base64url");
  return inTransaction<{ delivery: ResetDelivery | null }>(tx, async (tx) => {
    const user = await tx.user.findFirst({ where: { email, active: true }, select: { id: true, person: { select: { fullName: true } } } });
    if (!user) return outcome({ delivery: null });
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS), createdAt: now } });
    return outcome(
      { delivery: { email, name: user.person.fullName, token } },
      { audit: [{ kind: "account.password_reset_requested", actorId: null, subject: user.id, details: { email }, at: now }] },
    );
  });
}

/** The reset email's text. */
export function passwordResetMail({ email, name, token, origin, publication }: { email: string; name: string; token: string; origin: string; publication: string }) {
  return {
    to: email,
    subject: `Choose a new password for ${publication}`,
    text: [
      `Hello ${name},`,
      "",
      `Someone (we hope you) asked to reset the password of your ${publication} newsroom account.`,
      "Choose a new one here, within the hour; the link works once:",
      "",
      `${origin}/reset-password?token=${token}`,
      "",
      "Signing in with the new password ends your other sessions. If you did not ask, ignore this email: your password stays as it is.",
    ].join("\n"),
  };
}
