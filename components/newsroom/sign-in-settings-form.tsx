"use client";
import { buttonClass, describedBy, Field, FormMessage, inputClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

type Values = { ssoAllowedDomains: string; twoFactorRequired: boolean; twoFactorEditors: boolean };

/** Settings' sign-in section: the single sign-on domain allowlist and who must use a second factor. */
export function SignInSettingsForm({ action, values, envDomains }: { action: FormActionFn; values: Values; envDomains: string }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  const hint = envDomains
    ? `Only these email domains may sign in with single sign-on. Leave empty to use the server's list: ${envDomains}.`
    : "Only these email domains may sign in with single sign-on, e.g. school.org, students.school.org. Leave empty to allow any domain.";
  return (
    <form action={formAction} className="flex flex-col gap-4" aria-label="Sign-in settings" noValidate>
      <Field id="ssoAllowedDomains" label="Allowed email domains" error={error("ssoAllowedDomains")} hint={hint}>
        <input
          id="ssoAllowedDomains"
          name="ssoAllowedDomains"
          defaultValue={value("ssoAllowedDomains") ?? values.ssoAllowedDomains}
          className={inputClass}
          autoComplete="off"
          {...describedBy("ssoAllowedDomains", error("ssoAllowedDomains"), true)}
        />
      </Field>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="twoFactorRequired" defaultChecked={values.twoFactorRequired} className="mt-1" />
        <span>Require two-factor sign-in for advisers and administrators</span>
      </label>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="twoFactorEditors" defaultChecked={values.twoFactorEditors} className="mt-1" />
        <span>Require it for student editors too</span>
      </label>
      <FormMessage ok={state.ok} message={state.message} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Save sign-in settings
        </button>
      </div>
    </form>
  );
}
