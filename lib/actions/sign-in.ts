"use server";
import { z } from "zod";
import { setSsoOnly, type ZSsoOnly } from "@/lib/use-cases/accounts/set-sso-only";
import { updateSignInSettings } from "@/lib/use-cases/settings/update-sign-in-settings";
import { type ActionState, formAction } from "./form-state";

// The use cases parse the form themselves (checkboxes and the domain list are transformed).
export async function updateSignInSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, z.looseObject({}), (input, user) => updateSignInSettings({ actor: user, input }).then((o) => o.data), {
    success: () => "Sign-in settings saved.",
    shown: ["ssoAllowedDomains"],
  });
}

export async function setSsoOnlyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, z.looseObject({}), (input, user) => setSsoOnly({ actor: user, input: input as z.input<typeof ZSsoOnly> }).then((o) => o.data), {
    success: (d) => (d.ssoOnly ? `${d.email} now signs in with single sign-on only.` : `${d.email} can sign in with a password again.`),
  });
}
