"use server";
import { revalidatePath } from "next/cache";
import { revalidateReaderSite } from "./revalidate";
import { z } from "zod";
import { createIssue, createVolume } from "@/lib/data/issues";
import { setArticleIssue, ZSetArticleIssue } from "@/lib/use-cases/issues/set-article-issue";
import { ZId } from "@/lib/validation/article";
import { ZIssue, ZVolume } from "@/lib/validation/issues";
import { authedAction, formToObject, formValues } from "./safe-action";
import type { FormState } from "./staff";

export async function createVolumeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZVolume, formToObject(form), async (input, user) => createVolume({ actor: user, input }));
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  revalidatePath("/newsroom/issues");
  return { ok: true, message: "Volume created." };
}

export async function createIssueAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZIssue, formToObject(form), async (input, user) => createIssue({ actor: user, input }));
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  revalidatePath("/newsroom/issues");
  revalidateReaderSite();
  return { ok: true, message: "Issue created." };
}

export async function setArticleIssueAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZSetArticleIssue, formToObject(form), async (input, user) => setArticleIssue({ actor: user, input }));
  if (!result.ok) return { ok: false, message: result.error.message };
  return { ok: true, message: "Saved." };
}
