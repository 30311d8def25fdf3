"use client";
import Link from "next/link";
import { buttonClass, describedBy, Field, FormMessage, inputClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

/** The address to send a reset link to. The answer is the same whether or not it has an account. */
export function ForgotPasswordForm({ action }: { action: FormActionFn }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-col gap-4" aria-label="Forgot password" noValidate>
      <Field id="email" label="Email" error={error("email")}>
        <input id="email" name="email" type="email" autoComplete="username" autoFocus defaultValue={value("email")} {...describedBy("email", error("email"))} className={inputClass} />
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Sending…" : "Email me a reset link"}
      </button>
    </form>
  );
}

/** A new password, typed twice, for the account the emailed token belongs to. */
export function ResetPasswordForm({ action, token }: { action: FormActionFn; token: string }) {
  const { state, formAction, pending, error } = useFormAction(action);
  if (state.ok) {
    return (
      <div className="flex flex-col gap-4">
        <FormMessage ok message={state.message} />
        <Link href="/login" className={buttonClass}>
          Go to sign-in
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4" aria-label="Choose a new password" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field id="password" label="New password" error={error("password")} hint="At least 10 characters.">
        <input id="password" name="password" type="password" autoComplete="new-password" autoFocus {...describedBy("password", error("password"), true)} className={inputClass} />
      </Field>
      <Field id="confirm" label="New password again" error={error("confirm")}>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" {...describedBy("confirm", error("confirm"))} className={inputClass} />
      </Field>
      {error("token") ? (
        <p role="alert" className="font-semibold text-danger">
          {error("token")} <Link href="/forgot-password">Ask for a new link</Link>.
        </p>
      ) : (
        <FormMessage ok={false} message={state.message} />
      )}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
