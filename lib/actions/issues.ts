"use server";
import { createIssue } from "@/lib/use-cases/issues/create-issue";
import { createVolume } from "@/lib/use-cases/issues/create-volume";
import { setArticleIssue, ZSetArticleIssue } from "@/lib/use-cases/issues/set-article-issue";
import { ZIssue, ZVolume } from "@/lib/validation/issues";
import { type ActionState, formAction } from "./form-state";

export async function createVolumeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZVolume, (input, user) => createVolume({ actor: user, input }).then((o) => o.data), { success: () => "Volume created." });
}

export async function createIssueAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZIssue, (input, user) => createIssue({ actor: user, input }).then((o) => o.data), { success: () => "Issue created." });
}

export async function setArticleIssueAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZSetArticleIssue, (input, user) => setArticleIssue({ actor: user, input }).then((o) => o.data), { success: () => "Saved." });
}
