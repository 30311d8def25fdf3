"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markRead, NOTIFICATION_KINDS, type NotificationKind, setDigestKinds } from "@/lib/data/notifications";
import { authedAction, formToObject } from "./safe-action";
import type { FormState } from "./staff";

export async function markReadAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(z.object({ id: z.string().max(64).optional() }), formToObject(form), async ({ id }, user) => markRead({ userId: user.userId, id: id || undefined }));
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/newsroom", "layout");
  return { ok: true, message: "Marked as read." };
}

const KINDS = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];

export async function digestPreferencesAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(z.object({ kinds: z.array(z.enum(KINDS)).max(KINDS.length).default([]) }), formToObject(form, ["kinds"]), async ({ kinds }, user) =>
    setDigestKinds({ userId: user.userId, kinds }),
  );
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/newsroom/notifications");
  return { ok: true, message: "Email digest preferences saved." };
}
