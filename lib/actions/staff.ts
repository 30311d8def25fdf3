"use server";
import { revalidatePath } from "next/cache";
import { revalidateReaderSite } from "./revalidate";
import { can } from "@/lib/auth/policy";
import { createStaff, updateStaff } from "@/lib/data/users";
import { updatePublicationSettings } from "@/lib/data/publication";
import { AppError } from "@/lib/errors";
import { ZSettings, ZStaffCreate, ZStaffUpdate } from "@/lib/validation/user";
import { authedAction, formToObject, formValues } from "./safe-action";

export type FormState = { ok?: boolean; message?: string; fields?: Record<string, string>; values?: Record<string, string> };


export async function createStaffAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZStaffCreate, formToObject(form), async (input, user) => {
    if (!can(user, "manage_staff")) throw new AppError("NOT_FOUND", "This page was not found.");
    return createStaff({ input, actor: user });
  });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form, ["password"]) };
  revalidatePath("/newsroom/staff");
  revalidateReaderSite(); // the public staff page lists current staff
  return { ok: true, message: `Account created for ${result.data.email}. Share the password with them privately.` };
}

export async function updateStaffAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZStaffUpdate, formToObject(form), async (input, user) => {
    if (!can(user, "manage_staff")) throw new AppError("NOT_FOUND", "This page was not found.");
    return updateStaff({ input, actor: user });
  });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields };
  revalidatePath("/newsroom/staff");
  revalidateReaderSite(); // names, grades and titles appear in bylines and on staff pages
  return { ok: true, message: "Saved. The change applies to their very next request." };
}

export async function updateSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZSettings, formToObject(form), async (settings, user) => {
    if (!can(user, "manage_settings")) throw new AppError("NOT_FOUND", "This page was not found.");
    await updatePublicationSettings({ settings, actorId: user.userId });
  });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  revalidateReaderSite();
  return { ok: true, message: "Settings saved." };
}
