"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { buttonClass, describedBy, Field, FormMessage, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

function CodeField({ label, hint, error }: { label: string; hint: string; error?: string }) {
  return (
    <Field id="code" label={label} error={error} hint={hint}>
      <input id="code" name="code" type="text" inputMode="text" autoComplete="one-time-code" autoFocus required className={inputClass} {...describedBy("code", error, true)} />
    </Field>
  );
}

/** The code a sign-in owes: the authenticator's six digits, or a recovery code. */
export function SecondFactorForm({ action, next, done }: { action: FormActionFn<{ recoveryCodesLeft?: number }>; next: string; done: boolean }) {
  const router = useRouter();
  const { state, formAction, pending, error } = useFormAction(action);
  const recoveryLeft = state.data?.recoveryCodesLeft;
  useEffect(() => {
    if (state.ok && recoveryLeft === undefined) {
      router.replace(next);
      router.refresh();
    }
  }, [state.ok, recoveryLeft, next, router]);
  if (state.ok && recoveryLeft !== undefined) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="font-semibold text-ok">
          Signed in with a recovery code. That code is used up; {recoveryLeft} {recoveryLeft === 1 ? "is" : "are"} left.
        </p>
        <a href={next} className={buttonClass}>
          Continue to the newsroom
        </a>
      </div>
    );
  }
  if (done) {
    return (
      <a href={next} className={buttonClass}>
        Continue to the newsroom
      </a>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="Two-factor code">
      <CodeField label="Code" hint="The six digits your authenticator app shows, or one of your recovery codes." error={error("code")} />
      {!error("code") && <FormMessage ok={state.ok} message={state.message} />}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Checking…" : "Verify"}
      </button>
    </form>
  );
}

export type EnrolmentData = { secret: string; qrSvg: string; uri: string };

/**
 * Enrolment in two steps: "Set up" makes a secret and its QR code (drawn on the server); the
 * first code from the app confirms it, and the ten recovery codes are shown this once.
 */
export function EnrolForm({ start, confirm, next, enrolled }: { start: FormActionFn<EnrolmentData>; confirm: FormActionFn<{ recoveryCodes: string[] }>; next: string; enrolled: boolean }) {
  const started = useFormAction(start);
  const confirmed = useFormAction(confirm);
  const enrolment = started.state.data;
  const codes = confirmed.state.data?.recoveryCodes;
  if (codes) {
    return (
      <div className="flex flex-col gap-4">
        <FormMessage ok message={confirmed.state.message} />
        <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded border border-rule bg-panel p-4 font-mono text-base">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
        <p className="text-sm text-muted">Each code signs you in once if you lose your phone. Keep them somewhere safe, away from your phone.</p>
        <a href={next} className={buttonClass}>
          I have saved my recovery codes
        </a>
      </div>
    );
  }
  if (enrolled) {
    return (
      <p>
        Two-factor sign-in is on for your account. <a href={next}>Continue to the newsroom</a>
      </p>
    );
  }
  if (!enrolment) {
    return (
      <form action={started.formAction} className="flex flex-col gap-4">
        <FormMessage ok={started.state.ok} message={started.state.message ?? started.error("code")} />
        <button type="submit" className={buttonClass} disabled={started.pending}>
          Set up an authenticator app
        </button>
      </form>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <p>{started.state.message}</p>
      {/* The SVG is drawn by the qrcode package on the server; a data: URL needs no optimising. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} alt="QR code for your authenticator app" width={200} height={200} className="bg-white" />
      <p className="text-sm">
        Or type this key into the app: <code data-testid="totp-secret" className="break-all font-mono font-semibold">{enrolment.secret}</code>
      </p>
      <form action={confirmed.formAction} className="flex flex-col gap-4" noValidate aria-label="Confirm your authenticator">
        <CodeField label="Code from the app" hint="Six digits. A new one appears every 30 seconds." error={confirmed.error("code")} />
        {!confirmed.error("code") && <FormMessage ok={confirmed.state.ok} message={confirmed.state.message} />}
        <div className="flex gap-2">
          <button type="submit" className={buttonClass} disabled={confirmed.pending}>
            Turn on two-factor sign-in
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => window.location.reload()}>
            Start again
          </button>
        </div>
      </form>
    </div>
  );
}

/** A row's "End" button on Your account's session list. */
export function EndSessionForm({ action, sessionId, current }: { action: FormActionFn; sessionId: string; current: boolean }) {
  const router = useRouter();
  const { state, formAction, pending } = useFormAction(action);
  useEffect(() => {
    if (state.ok && current) router.replace("/login");
  }, [state.ok, current, router]);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      <button type="submit" className={secondaryButtonClass} disabled={pending || state.ok}>
        {current ? "End (sign out here)" : "End"}
      </button>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

/** Your account: turn off two-factor sign-in with the app's current code or a recovery code. */
export function TurnOffTwoFactorForm({ action }: { action: FormActionFn }) {
  const router = useRouter();
  const { state, formAction, pending, error } = useFormAction(action);
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state.ok, router]);
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate aria-label="Turn off two-factor sign-in">
      <Field id="off-code" label="Code to turn it off" error={error("code")} hint="The six digits your app shows now, or one of your recovery codes.">
        <input id="off-code" name="code" type="text" autoComplete="one-time-code" required className={inputClass} {...describedBy("off-code", error("code"), true)} />
      </Field>
      {!error("code") && <FormMessage ok={state.ok} message={state.message} />}
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Turn off two-factor sign-in
      </button>
    </form>
  );
}

/** Your account: ten new recovery codes (shown once) for the app's current code. */
export function RegenerateRecoveryCodesForm({ action }: { action: FormActionFn<{ recoveryCodes: string[] }> }) {
  const { state, formAction, pending, error } = useFormAction(action);
  const codes = state.data?.recoveryCodes;
  if (codes) {
    return (
      <div className="flex flex-col gap-3">
        <FormMessage ok message={state.message} />
        <ol aria-label="New recovery codes" className="grid grid-cols-2 gap-2 rounded border border-rule bg-panel p-4 font-mono text-base">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate aria-label="New recovery codes">
      <Field id="regen-code" label="Code from the app" error={error("code")} hint="Six digits. Your old recovery codes stop working.">
        <input id="regen-code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" required className={inputClass} {...describedBy("regen-code", error("code"), true)} />
      </Field>
      {!error("code") && <FormMessage ok={state.ok} message={state.message} />}
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Make new recovery codes
      </button>
    </form>
  );
}
