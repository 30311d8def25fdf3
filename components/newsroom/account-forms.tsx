"use client";
import { buttonClass, describedBy, Field, FormMessage, inputClass, Select, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";
import type { CreatedToken } from "@/lib/actions/account";

type Action = FormActionFn;

const NAME_OPTIONS = [
  ["DEFAULT", "The publication's default"],
  ["FULL", "Full name"],
  ["FIRST_LAST_INITIAL", "First name and last initial"],
  ["PEN_NAME", "Pen name (needs an adviser's approval)"],
] as const;

export function ProfileForm({ action, values }: { action: Action; values: { bio: string; nameDisplay: string; penName: string } }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  const v = { bio: value("bio") ?? values.bio, nameDisplay: value("nameDisplay") ?? values.nameDisplay, penName: value("penName") ?? values.penName };
  const f = { nameDisplay: error("nameDisplay"), penName: error("penName"), bio: error("bio") };
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      <Field id="nameDisplay" label="How your name appears in public" error={f.nameDisplay} hint="Bylines, captions, author and staff pages, feeds and search engines all follow it.">
        <Select id="nameDisplay" name="nameDisplay" defaultValue={v.nameDisplay} {...describedBy("nameDisplay", f.nameDisplay, true)}>
          {NAME_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="penName" label="Pen name" error={f.penName}>
        <input id="penName" name="penName" defaultValue={v.penName} aria-invalid={f.penName ? true : undefined} aria-describedby={f.penName ? "penName-error" : undefined} className={inputClass} />
      </Field>
      <Field id="bio" label="Short bio (public)" error={f.bio}>
        <textarea id="bio" name="bio" rows={3} defaultValue={v.bio} {...describedBy("bio", f.bio)} className={inputClass} />
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Save profile
        </button>
      </div>
    </form>
  );
}

export function PasswordForm({ action }: { action: Action }) {
  const { state, formAction, pending, error } = useFormAction(action);
  const f = { current: error("current"), next: error("next") };
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      <Field id="current" label="Current password" error={f.current}>
        <input id="current" name="current" type="password" autoComplete="current-password" aria-invalid={f.current ? true : undefined} className={inputClass} />
      </Field>
      <Field id="next" label="New password" error={f.next} hint="At least 10 characters, not a common password.">
        <input id="next" name="next" type="password" autoComplete="new-password" aria-invalid={f.next ? true : undefined} aria-describedby={f.next ? "next-error" : "next-hint"} className={inputClass} />
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Change password
        </button>
      </div>
    </form>
  );
}

export function CreateTokenForm({ action }: { action: FormActionFn<CreatedToken> }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  const f = { name: error("name") };
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-3" noValidate>
      <Field id="token-name" label="Token name" error={f.name} hint="What will use it, e.g. “Photo desk upload script”.">
        <input id="token-name" name="name" defaultValue={value("name") ?? ""} aria-describedby={f.name ? "token-name-error" : "token-name-hint"} className={inputClass} />
      </Field>
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Create token
        </button>
      </div>
      <FormMessage ok={state.ok} message={state.message} />
      {state.data?.token && (
        <p>
          <label htmlFor="new-token" className="text-sm font-semibold">
            Your new token
          </label>
          <input id="new-token" readOnly value={state.data.token} className={`${inputClass} font-mono`} data-testid="new-token" onFocus={(e) => e.target.select()} />
        </p>
      )}
    </form>
  );
}

export function InlineActionForm({ action, hidden, label, confirm }: { action: Action; hidden: Record<string, string>; label: string; confirm?: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form
      action={formAction}
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        {label}
      </button>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

export function ResetPasswordForm({ action, userId, name }: { action: Action; userId: string; name: string }) {
  const { state, formAction, pending, error } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={`reset-${userId}`} className="sr-only">
        New password for {name}
      </label>
      <input id={`reset-${userId}`} name="password" type="password" autoComplete="new-password" placeholder="New password" className={`${inputClass} w-40`} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Reset password
      </button>
      <FormMessage ok={state.ok} message={state.message ?? error("password")} />
    </form>
  );
}
