"use server";
import { markNotificationsRead, ZMarkRead } from "@/lib/use-cases/notifications/mark-notifications-read";
import { setDigestKinds, ZDigestKinds } from "@/lib/use-cases/notifications/set-digest-kinds";
import { type ActionState, formAction } from "./form-state";

export async function markReadAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZMarkRead, (input, user) => markNotificationsRead({ actor: user, input }).then((o) => o.data), { success: () => "Marked as read." });
}

export async function digestPreferencesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZDigestKinds, (input, user) => setDigestKinds({ actor: user, input }).then((o) => o.data), {
    arrays: ["kinds"],
    success: () => "Email digest preferences saved.",
  });
}
