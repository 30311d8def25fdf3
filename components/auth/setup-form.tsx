"use client";
import Link from "next/link";
import { buttonClass, describedBy, Field, FormMessage, inputClass, Select } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

type Props = { action: FormActionFn; timeZones: string[]; defaultTimeZone: string };

export function SetupForm({ action, timeZones, defaultTimeZone }: Props) {
  const { state, formAction, pending, error, value } = useFormAction(action);
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
  const text = (id: string, label: string, type = "text", autoComplete?: string, hint?: string) => (
    <Field id={id} label={label} error={error(id)} hint={hint}>
      <input
        id={id}
        name={id}
        type={type}
        autoComplete={autoComplete}
        defaultValue={type === "password" ? undefined : value(id)}
        aria-invalid={error(id) ? true : undefined}
        aria-describedby={error(id) ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={inputClass}
      />
    </Field>
  );
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {text("publicationName", "Publication name", "text", "organization")}
      <Field id="timeZone" label="Time zone" error={error("timeZone")} hint="Every time shown and every scheduled publication uses it.">
        <Select id="timeZone" name="timeZone" defaultValue={value("timeZone") ?? defaultTimeZone} {...describedBy("timeZone", error("timeZone"), true)}>
          {timeZones.map((tz) => (
            <option key={tz}>{tz}</option>
          ))}
        </Select>
      </Field>
      {text("fullName", "Your name", "text", "name")}
      {text("email", "Your email", "email", "username")}
      {text("password", "Password", "password", "new-password", "At least 10 characters.")}
      <FormMessage ok={false} message={state.message} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating…" : "Create the newsroom"}
      </button>
    </form>
  );
}
