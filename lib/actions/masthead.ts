"use server";
import { revalidatePath } from "next/cache";
import { addMastheadEntry, copyCurrentStaffToVolume, moveMastheadEntry, removeMastheadEntry, updateMastheadEntry } from "@/lib/data/masthead";
import { ZMastheadAdd, ZMastheadEntryRef, ZMastheadMove, ZMastheadUpdate, ZMastheadVolumeRef } from "@/lib/validation/masthead";
import { revalidateMasthead } from "./revalidate";
import { authedAction, formToObject, formValues } from "./safe-action";
import type { FormState } from "./staff";

/** Server actions for a volume's masthead; the data layer checks `manage_masthead` on every call. */

function refresh() {
  revalidatePath("/newsroom/issues", "layout");
  revalidateMasthead();
}

export async function addMastheadEntryAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZMastheadAdd, formToObject(form), async (input, user) => addMastheadEntry({ actor: user, input }));
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  refresh();
  return { ok: true, message: `Added ${result.data.fullName} as ${result.data.position}.` };
}

export async function updateMastheadEntryAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZMastheadUpdate, formToObject(form), async (input, user) => updateMastheadEntry({ actor: user, input }));
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  refresh();
  return { ok: true, message: "Position saved." };
}

export async function moveMastheadEntryAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZMastheadMove, formToObject(form), async (input, user) => moveMastheadEntry({ actor: user, input }));
  if (!result.ok) return { ok: false, message: result.error.message };
  refresh();
  return { ok: true, message: `Moved ${result.data.fullName}.` };
}

export async function removeMastheadEntryAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZMastheadEntryRef, formToObject(form), async ({ entryId }, user) => removeMastheadEntry({ actor: user, entryId }));
  if (!result.ok) return { ok: false, message: result.error.message };
  refresh();
  return { ok: true, message: `Removed ${result.data.fullName} from the masthead.` };
}

export async function copyCurrentStaffAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZMastheadVolumeRef, formToObject(form), async ({ volumeId }, user) => copyCurrentStaffToVolume({ actor: user, volumeId }));
  if (!result.ok) return { ok: false, message: result.error.message };
  refresh();
  const { added } = result.data;
  return { ok: true, message: added === 0 ? "Everyone on staff is already on this masthead." : `Copied ${added} ${added === 1 ? "person" : "people"} from the current staff.` };
}
