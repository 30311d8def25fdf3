"use server";
import { markNotificationsRead, ZMarkRead } from "@/lib/use-cases/notifications/mark-notifications-read";
import { setDigestKinds, ZDigestKinds } from "@/lib/use-cases/notifications/set-digest-kinds";
import { type ActionState, formAction } from "./form-state";
import { authedAction } from "./safe-action";

export async function markReadAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZMarkRead, (input, user) => markNotificationsRead({ actor: user, input }).then((o) => o.data), { success: (d) => (d.count === 1 ? "1 notification marked as read." : `${d.count} notifications marked as read.`) });
}

export async function digestPreferencesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZDigestKinds, (input, user) => setDigestKinds({ actor: user, input }).then((o) => o.data), {
    arrays: ["kinds"],
    success: () => "Email digest preferences saved.",
  });
}

/** Opening a story reads its notifications (called once by the story page when it has unread ones). */
export async function markStoryReadAction(articleId: string): Promise<ActionState> {
  return authedAction(ZMarkRead, { articleId }, (input, user) => markNotificationsRead({ actor: user, input })).then((r) =>
    r.ok ? { ok: true } : { ok: false, code: r.error.code, message: r.error.message },
  );
}
