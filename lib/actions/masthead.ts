"use server";
import { addMastheadEntry } from "@/lib/use-cases/masthead/add-masthead-entry";
import { copyCurrentStaffToVolume } from "@/lib/use-cases/masthead/copy-current-staff-to-volume";
import { moveMastheadEntry } from "@/lib/use-cases/masthead/move-masthead-entry";
import { removeMastheadEntry } from "@/lib/use-cases/masthead/remove-masthead-entry";
import { updateMastheadEntry } from "@/lib/use-cases/masthead/update-masthead-entry";
import { ZMastheadAdd, ZMastheadEntryRef, ZMastheadMove, ZMastheadUpdate, ZMastheadVolumeRef } from "@/lib/validation/masthead";
import { type ActionState, formAction } from "./form-state";

/** Server actions for a volume's masthead; each use case checks `manage_masthead`. */

export async function addMastheadEntryAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZMastheadAdd, (input, user) => addMastheadEntry({ actor: user, input }).then((o) => o.data), {
    success: (entry) => `Added ${entry.fullName} as ${entry.position}.`,
  });
}

export async function updateMastheadEntryAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZMastheadUpdate, (input, user) => updateMastheadEntry({ actor: user, input }).then((o) => o.data), { success: () => "Position saved." });
}

export async function moveMastheadEntryAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZMastheadMove, (input, user) => moveMastheadEntry({ actor: user, input }).then((o) => o.data), { success: (entry) => `Moved ${entry.fullName}.` });
}

export async function removeMastheadEntryAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZMastheadEntryRef, (input, user) => removeMastheadEntry({ actor: user, input }).then((o) => o.data), {
    success: (entry) => `Removed ${entry.fullName} from the masthead.`,
  });
}

export async function copyCurrentStaffAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZMastheadVolumeRef, (input, user) => copyCurrentStaffToVolume({ actor: user, input }).then((o) => o.data), {
    success: ({ added }) => (added === 0 ? "Everyone on staff is already on this masthead." : `Copied ${added} ${added === 1 ? "person" : "people"} from the current staff.`),
  });
}
