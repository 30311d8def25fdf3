"use client";
import { useState } from "react";
import { buttonClass, describedBy, Field, FormMessage, inputClass, Select, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

type Action = FormActionFn;
const ROLE_OPTIONS = [
  ["WRITER", "Writer (student reporter)"],
  ["EDITOR", "Student editor"],
  ["ADVISER", "Adviser (faculty)"],
  ["ADMIN", "Administrator"],
] as const;

export function CreateStaffForm({ action, canGrantAdmin }: { action: Action; canGrantAdmin: boolean }) {
  const { state, formAction, pending, error, value, resetKey } = useFormAction(action);
  const input = (id: string, label: string, type = "text", hint?: string) => (
    <Field id={`new-${id}`} label={label} error={error(id)} hint={hint}>
      <input
        id={`new-${id}`}
        name={id}
        type={type}
        defaultValue={type === "password" ? undefined : value(id)}
        key={resetKey(id)}
        aria-invalid={error(id) ? true : undefined}
        aria-describedby={error(id) ? `new-${id}-error` : hint ? `new-${id}-hint` : undefined}
        className={inputClass}
        autoComplete={type === "password" ? "new-password" : "off"}
      />
    </Field>
  );
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" aria-label="Add a staff member" noValidate>
      {input("fullName", "Full name")}
      {input("email", "Email", "email")}
      <Field id="new-role" label="Role" error={error("role")}>
        <Select id="new-role" name="role" defaultValue={value("role") ?? "WRITER"} {...describedBy("new-role", error("role"))}>
          {ROLE_OPTIONS.filter(([r]) => r !== "ADMIN" || canGrantAdmin).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      {input("graduationYear", "Graduation year (students)", "number", "Grades are worked out from it, so they never go stale.")}
      {input("password", "Temporary password", "password", "At least 10 characters. Share it privately.")}
      <div className="flex items-end">
        <button type="submit" className={buttonClass} disabled={pending}>
          Add staff member
        </button>
      </div>
      <div className="sm:col-span-2">
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}

export function StaffRowForm({ action, userId, role, active, label, canGrantAdmin }: { action: Action; userId: string; role: string; active: boolean; label: string; canGrantAdmin: boolean }) {
  const { state, formAction, pending } = useFormAction(action);
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={`role-${userId}`} className="sr-only">
        Role for {label}
      </label>
      <Select id={`role-${userId}`} name="role" defaultValue={role} className={`${inputClass} w-auto`}>
        {ROLE_OPTIONS.filter(([r]) => r !== "ADMIN" || canGrantAdmin || role === "ADMIN").map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Change role
      </button>
      {!active ? (
        <button type="submit" name="active" value="true" className={secondaryButtonClass} disabled={pending}>
          Reactivate
        </button>
      ) : confirming ? (
        // Deactivating signs the person out everywhere: it asks once more, in words.
        <span role="group" aria-label={`Confirm deactivating ${label}`} className="flex flex-wrap items-center gap-2 rounded border-2 border-danger p-2">
          <span className="text-sm font-semibold">Deactivate {label}? They are signed out at once.</span>
          <button type="submit" name="active" value="false" className={secondaryButtonClass} disabled={pending}>
            Yes, deactivate
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className={secondaryButtonClass} disabled={pending} onClick={() => setConfirming(true)}>
          Deactivate
        </button>
      )}
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

export function SettingsForm({
  action,
  values,
  timeZones,
}: {
  action: Action;
  values: { name: string; tagline: string; timeZone: string; reviewPolicy: string; nameDisplayDefault: string };
  timeZones: string[];
}) {
  const { state, formAction, pending, error: fieldError, value } = useFormAction(action);
  // After a refusal the form keeps what was typed; otherwise it shows the saved settings.
  const v = (name: keyof typeof values) => value(name) ?? values[name];
  const f = { name: fieldError("name"), tagline: fieldError("tagline"), timeZone: fieldError("timeZone"), nameDisplayDefault: fieldError("nameDisplayDefault"), reviewPolicy: fieldError("reviewPolicy") };
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      <Field id="name" label="Publication name" error={f.name}>
        <input id="name" name="name" defaultValue={v("name")} {...describedBy("name", f.name)} className={inputClass} />
      </Field>
      <Field id="tagline" label="Tagline" error={f.tagline}>
        <input id="tagline" name="tagline" defaultValue={v("tagline")} {...describedBy("tagline", f.tagline)} className={inputClass} />
      </Field>
      <Field id="timeZone" label="Time zone" error={f.timeZone} hint="Every time shown and every scheduled publication uses it.">
        <Select id="timeZone" name="timeZone" defaultValue={v("timeZone")} {...describedBy("timeZone", f.timeZone, true)}>
          {timeZones.map((tz) => (
            <option key={tz}>{tz}</option>
          ))}
        </Select>
      </Field>
      <Field id="nameDisplayDefault" label="How student names appear by default" error={f.nameDisplayDefault} hint="Each person may choose otherwise on their account page; pen names need an adviser's approval.">
        <Select id="nameDisplayDefault" name="nameDisplayDefault" defaultValue={v("nameDisplayDefault")} {...describedBy("nameDisplayDefault", f.nameDisplayDefault, true)}>
          <option value="FULL">Full name</option>
          <option value="FIRST_LAST_INITIAL">First name and last initial</option>
          <option value="PEN_NAME">Approved pen name (else first name and last initial)</option>
        </Select>
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-semibold">Review policy</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="reviewPolicy" value="ADVISER_APPROVES" defaultChecked={v("reviewPolicy") === "ADVISER_APPROVES"} className="mt-1" />
          <span>
            <strong>Adviser approves</strong> — only an adviser (or administrator) can publish.
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="reviewPolicy" value="STUDENT_EDITORS_PUBLISH" defaultChecked={v("reviewPolicy") === "STUDENT_EDITORS_PUBLISH"} className="mt-1" />
          <span>
            <strong>Student editors publish</strong> — student editors have the final say (as “New Voices” laws provide); advisers still see everything and can comment.
          </span>
        </label>
        {f.reviewPolicy && <p className="text-sm font-semibold text-danger">{f.reviewPolicy}</p>}
      </fieldset>
      <FormMessage ok={state.ok} message={state.message} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Save settings
        </button>
      </div>
    </form>
  );
}
