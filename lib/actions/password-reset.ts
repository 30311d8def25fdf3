"use server";
import { headers } from "next/headers";
import { admitResetRequest } from "@/lib/auth/password-reset-limit";
import { clientAddress } from "@/lib/auth/rate-limit";
import { getPublication } from "@/lib/data/publication";
import { mailConfigured, sendMail } from "@/lib/mail";
import { siteUrl } from "@/lib/site";
import { NO_MAIL_MESSAGE, passwordResetMail, RESET_SENT_MESSAGE, requestPasswordReset } from "@/lib/use-cases/accounts/request-password-reset";
import { resetPasswordWithToken } from "@/lib/use-cases/accounts/reset-password-with-token";
import { ZForgotPassword } from "@/lib/validation/user";
import { type ActionState, keptValues } from "./form-state";
import { formToObject, toActionError } from "./safe-action";

/**
 * "Forgot password" (nobody is signed in, so not `formAction`). The email is sent after the
 * answer is decided and not awaited, so an existing account takes no longer to answer than a
 * missing one; a failed send is logged for the operator.
 */
export async function forgotPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!mailConfigured()) return { ok: false, code: "UNAVAILABLE", message: NO_MAIL_MESSAGE };
  const parsed = ZForgotPassword.safeParse(formToObject(form));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter a valid email address.";
    return { ok: false, code: "VALIDATION", fields: { email: message }, values: keptValues(form) };
  }
  const gate = await admitResetRequest({ email: parsed.data.email, address: clientAddress(await headers()) });
  if (gate.refused) return { ok: false, code: "RATE_LIMITED", message: "Too many reset requests. Wait an hour and try again.", values: keptValues(form) };
  try {
    if (gate.send) {
      const { data } = await requestPasswordReset({ input: parsed.data });
      if (data.delivery) {
        const publication = (await getPublication()).name;
        void sendMail(passwordResetMail({ ...data.delivery, origin: siteUrl(), publication })).catch((error: unknown) => console.error("password reset email failed", error));
      }
    }
    return { ok: true, message: RESET_SENT_MESSAGE };
  } catch (error) {
    const { code, message } = toActionError(error);
    return { ok: false, code, message, values: keptValues(form) };
  }
}

/** The reset link's form: a new password, typed twice; then sign in with it. */
export async function resetWithTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    await resetPasswordWithToken({ input: formToObject(form) as Parameters<typeof resetPasswordWithToken>[0]["input"] });
    return { ok: true, message: "Your password is changed, and every session of your account has ended. Sign in with the new password." };
  } catch (error) {
    const { code, message, fields } = toActionError(error);
    return { ok: false, code, message: fields && Object.keys(fields).every((k) => k !== "token") ? undefined : message, fields, values: keptValues(form, [], ["password", "confirm"]) };
  }
}
