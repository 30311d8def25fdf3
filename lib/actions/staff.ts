"use server";
import { createStaff } from "@/lib/use-cases/accounts/create-staff";
import { updateStaff } from "@/lib/use-cases/accounts/update-staff";
import { updatePublicationSettings } from "@/lib/use-cases/settings/update-publication-settings";
import { ZSettings, ZStaffCreate, ZStaffUpdate } from "@/lib/validation/user";
import { type ActionState, formAction } from "./form-state";

export async function createStaffAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZStaffCreate, (input, user) => createStaff({ actor: user, input }).then((o) => o.data), {
    success: (user) => `Account created for ${user.email}. Share the password with them privately.`,
    omit: ["password"],
  });
}

export async function updateStaffAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZStaffUpdate, (input, user) => updateStaff({ actor: user, input }).then((o) => o.data), {
    success: () => "Saved. The change applies to their very next request.",
  });
}

export async function updateSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZSettings, (input, user) => updatePublicationSettings({ actor: user, input }).then((o) => o.data), {
    success: () => "Settings saved.",
  });
}
