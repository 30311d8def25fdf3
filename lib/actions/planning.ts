"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAssignment, createPitch, decidePitch } from "@/lib/data/planning";
import { ZAssignmentCreate, ZPitchCreate, ZPitchDecision } from "@/lib/validation/planning";
import { authedAction, formToObject } from "./safe-action";

/** Form state for the planning forms; `values` keeps what the user typed (lists for repeated fields). */
export type PlanningFormState = { ok?: boolean; message?: string; fields?: Record<string, string>; values?: Record<string, string | string[]> };

const ARRAYS = ["writerIds", "photographerIds"] as const;

function keep(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = (ARRAYS as readonly string[]).includes(key) ? all : (all[0] ?? "");
  }
  return values;
}

/** The field messages sit next to their fields; the form-level line only points at them. */
function failed(error: { message: string; fields?: Record<string, string> }, form: FormData, shown: readonly string[]): PlanningFormState {
  const keys = Object.keys(error.fields ?? {});
  const allShown = keys.length > 0 && keys.every((k) => shown.includes(k));
  const message = !allShown ? error.message : keys.length > 1 ? "Check the fields marked below." : undefined;
  return { ok: false, message, fields: error.fields, values: keep(form) };
}

function refreshPlanning() {
  // Every newsroom page is dynamic; this drops any cached payload of the planning pages.
  revalidatePath("/newsroom", "layout");
}

export async function createPitchAction(_prev: PlanningFormState, form: FormData): Promise<PlanningFormState> {
  const result = await authedAction(ZPitchCreate, formToObject(form), (input, user) => createPitch({ actor: user, input }));
  if (!result.ok) return failed(result.error, form, ["title", "angle", "section", "sources"]);
  refreshPlanning();
  return { ok: true, message: `Pitch sent: “${result.data.title}”. Editors will see it on this page.` };
}

export async function decidePitchAction(_prev: PlanningFormState, form: FormData): Promise<PlanningFormState> {
  const result = await authedAction(ZPitchDecision, formToObject(form), (input, user) => decidePitch({ actor: user, input }));
  if (!result.ok) return failed(result.error, form, ["note"]);
  refreshPlanning();
  return { ok: true, message: result.data.status === "ACCEPTED" ? "Accepted. The pitcher has been told." : "Rejected. The pitcher sees your note." };
}

/** Create the assignment, then show it on the pitches page (the redirect is outside the try). */
export async function createAssignmentAction(_prev: PlanningFormState, form: FormData): Promise<PlanningFormState> {
  const result = await authedAction(ZAssignmentCreate, formToObject(form, ARRAYS), (input, user) => createAssignment({ actor: user, input }));
  if (!result.ok) return failed(result.error, form, ["headline", "writerIds", "photographerIds", "section", "issueId", "deadline", "targetWords"]);
  refreshPlanning();
  redirect(`/newsroom/pitches?assigned=${encodeURIComponent(result.data.id)}`);
}
