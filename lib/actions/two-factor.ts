"use server";
import { z } from "zod";
import { beginCodeAttempt, codeSucceeded, tooManyCodesMessage } from "@/lib/auth/rate-limit";
import { requireSignInStep, requireUser } from "@/lib/auth/session";
import { otpauthUri, qrSvg } from "@/lib/auth/two-factor";
import { getPublication } from "@/lib/data/publication";
import { AppError } from "@/lib/errors";
import { endOwnSession } from "@/lib/use-cases/accounts/end-session";
import { confirmTwoFactorEnrolment } from "@/lib/use-cases/two-factor/confirm-enrolment";
import { startTwoFactorEnrolment } from "@/lib/use-cases/two-factor/start-enrolment";
import { verifySecondFactor } from "@/lib/use-cases/two-factor/verify-second-factor";
import { resetTwoFactor } from "@/lib/use-cases/two-factor/reset-two-factor";
import { regenerateRecoveryCodes } from "@/lib/use-cases/two-factor/regenerate-recovery-codes";
import { turnOffTwoFactor } from "@/lib/use-cases/two-factor/turn-off-two-factor";
import { type ActionState, formAction } from "./form-state";
import { toActionError } from "./safe-action";

const ZCode = z.object({ code: z.string({ error: "Enter the code." }).trim().min(1, "Enter the code.").max(40, "That code is too long.") });

/** A refusal as the form shows it: the message next to the code field, the typed code dropped. */
function refused(error: unknown): ActionState<never> {
  const { code, message, fields } = toActionError(error);
  return { ok: false, code, message: fields ? undefined : message, fields: fields ?? { code: message } };
}

function parseCode(form: FormData) {
  const parsed = ZCode.safeParse({ code: form.get("code") ?? "" });
  if (!parsed.success) throw new AppError("BAD_REQUEST", "Enter the code.", { fields: { code: parsed.error.issues[0]?.message ?? "Enter the code." } });
  return parsed.data;
}

export type EnrolmentStart = { secret: string; qrSvg: string; uri: string };

/** A new secret and its QR code (drawn here), for the enrolment page. Signed in, or sent to enrol. */
export async function startEnrolmentAction(_prev: ActionState<EnrolmentStart>, _form: FormData): Promise<ActionState<EnrolmentStart>> {
  try {
    const state = await requireSignInStep(["signed_in", "enrol"]);
    const { secret } = (await startTwoFactorEnrolment({ userId: state.user.userId })).data;
    const uri = otpauthUri({ issuer: (await getPublication()).name, accountName: state.user.email, secret });
    return { ok: true, message: "Scan the code with your authenticator app, then enter the six digits it shows.", data: { secret, uri, qrSvg: await qrSvg(uri) } };
  } catch (error) {
    return refused(error);
  }
}

export type Recovery = { recoveryCodes: string[] };

/** The first code confirms the app; the recovery codes come back once. Rate-limited like sign-in. */
export async function confirmEnrolmentAction(_prev: ActionState<Recovery>, form: FormData): Promise<ActionState<Recovery>> {
  try {
    const state = await requireSignInStep(["signed_in", "enrol"]);
    const input = parseCode(form);
    const wait = await beginCodeAttempt(state.user.userId);
    if (wait > 0) throw new AppError("RATE_LIMITED", tooManyCodesMessage(wait));
    const { recoveryCodes } = (await confirmTwoFactorEnrolment({ userId: state.user.userId, sessionId: state.sessionId, input })).data;
    await codeSucceeded(state.user.userId);
    return { ok: true, message: "Two-factor sign-in is on. Save these recovery codes now: they will not be shown again.", data: { recoveryCodes } };
  } catch (error) {
    return refused(error);
  }
}

/** The code a session owes after its password or provider: an authenticator code or a recovery code. */
export async function verifySecondFactorAction(_prev: ActionState<{ recoveryCodesLeft?: number }>, form: FormData): Promise<ActionState<{ recoveryCodesLeft?: number }>> {
  try {
    const state = await requireSignInStep(["second_factor"]);
    const input = parseCode(form);
    const wait = await beginCodeAttempt(state.user.userId);
    if (wait > 0) throw new AppError("RATE_LIMITED", tooManyCodesMessage(wait));
    const result = (await verifySecondFactor({ userId: state.user.userId, sessionId: state.sessionId, input })).data;
    if (!result.ok) throw new AppError("BAD_REQUEST", "That code is not right.", { fields: { code: "That code is not right. Try the app's current code, or a recovery code." } });
    await codeSucceeded(state.user.userId);
    return { ok: true, message: "Signed in.", data: { recoveryCodesLeft: result.recoveryCodesLeft } };
  } catch (error) {
    return refused(error);
  }
}

const ZSessionEnd = z.object({ sessionId: z.string().min(1).max(64) });

/** Ends one of your sessions (another browser, or this one). */
export async function endSessionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZSessionEnd, (input, user) => endOwnSession({ userId: user.userId, input: { sessionId: input.sessionId, via: "button" } }).then((o) => o.data), {
    success: () => "Session ended.",
  });
}

/** An admin clears a staff member's lost second factor. */
export async function resetTwoFactorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, z.object({ userId: z.string() }), (input, user) => resetTwoFactor({ actor: user, input }).then((o) => o.data), {
    success: (d) => `Two-factor sign-in reset for ${d.email}. They sign in without a code and can enrol again.`,
  });
}

/** Turns off your own two-factor sign-in, with the app's current code or a recovery code. Rate-limited like sign-in. */
export async function turnOffTwoFactorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const input = parseCode(form);
    const wait = await beginCodeAttempt(user.userId);
    if (wait > 0) throw new AppError("RATE_LIMITED", tooManyCodesMessage(wait));
    await turnOffTwoFactor({ actor: user, input });
    await codeSucceeded(user.userId);
    return { ok: true, message: "Two-factor sign-in is off. Your authenticator app's entry and your recovery codes no longer work." };
  } catch (error) {
    return refused(error);
  }
}

/** Ten new recovery codes, with the app's current code; they come back once. Rate-limited like sign-in. */
export async function regenerateRecoveryCodesAction(_prev: ActionState<Recovery>, form: FormData): Promise<ActionState<Recovery>> {
  try {
    const user = await requireUser();
    const input = parseCode(form);
    const wait = await beginCodeAttempt(user.userId);
    if (wait > 0) throw new AppError("RATE_LIMITED", tooManyCodesMessage(wait));
    const { recoveryCodes } = (await regenerateRecoveryCodes({ actor: user, input })).data;
    await codeSucceeded(user.userId);
    return { ok: true, message: "New recovery codes. Save them now: they will not be shown again, and your old codes no longer work.", data: { recoveryCodes } };
  } catch (error) {
    return refused(error);
  }
}
