"use server";
import { redirect } from "next/navigation";
import { PITCH_STATUS } from "@/lib/domain/pitch";
import { createAssignment } from "@/lib/use-cases/planning/create-assignment";
import { createPitch } from "@/lib/use-cases/planning/create-pitch";
import { decidePitch } from "@/lib/use-cases/planning/decide-pitch";
import { ZAssignmentCreate, ZPitchCreate, ZPitchDecision } from "@/lib/validation/planning";
import { type ActionState, formAction } from "./form-state";

export async function createPitchAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZPitchCreate, (input, user) => createPitch({ actor: user, input }).then((o) => o.data), {
    success: (pitch) => `Pitch sent: “${pitch.title}”. Editors will see it on this page.`,
    shown: ["title", "angle", "section", "sources"],
  });
}

export async function decidePitchAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZPitchDecision, (input, user) => decidePitch({ actor: user, input }).then((o) => o.data), {
    success: (pitch) => (pitch.status === PITCH_STATUS.ACCEPTED ? "Accepted. The pitcher has been told." : "Rejected. The pitcher sees your note."),
    shown: ["note"],
  });
}

/** Create the assignment, then show it on the pitches page (the redirect is outside formAction's try). */
export async function createAssignmentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await formAction(form, ZAssignmentCreate, (input, user) => createAssignment({ actor: user, input }).then((o) => o.data), {
    arrays: ["writerIds", "photographerIds"],
    shown: ["headline", "writerIds", "photographerIds", "section", "issueId", "deadline", "targetWords"],
    success: (story) => `Assignment created: ${story.headline}.`,
    returnData: true,
  });
  if (state.ok && state.data) redirect(`/newsroom/pitches?assigned=${encodeURIComponent(state.data.id)}`);
  // Only a refusal reaches the form: a success has redirected.
  const { data: _story, ...refusal } = state;
  return refusal;
}
