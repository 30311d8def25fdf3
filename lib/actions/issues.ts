"use server";
import { revalidatePath } from "next/cache";
import { revalidateReaderSite } from "./revalidate";
import { z } from "zod";
import { createIssue, createVolume, setArticleIssue } from "@/lib/data/issues";
import { ZId } from "@/lib/validation/article";
import { authedAction, formToObject, formValues } from "./safe-action";
import type { FormState } from "./staff";

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date.").transform((d) => new Date(`${d}T00:00:00Z`));
const ZVolume = z.object({
  number: z.coerce.number({ error: "Enter the volume number." }).int("Enter a whole number.").min(1, "Enter a whole number.").max(100_000),
  label: z.string().trim().min(1, "Name the volume, e.g. “Volume 15 (2026-27)”.").max(80),
  startsOn: ZDate,
  endsOn: ZDate,
});
const ZIssue = z.object({
  volumeId: ZId,
  number: z.coerce.number({ error: "Enter the issue number." }).int("Enter a whole number.").min(1, "Enter a whole number.").max(1000),
  title: z.string().trim().min(1, "Title the issue, e.g. “December”.").max(80),
  publishedOn: z.union([z.literal(""), ZDate]).transform((v) => (v === "" ? null : v)),
});


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
  const Z = z.object({ articleId: ZId, issueId: z.union([z.literal(""), ZId]).transform((v) => v || null) });
  const result = await authedAction(Z, formToObject(form), async ({ articleId, issueId }, user) => setArticleIssue({ actor: user, articleId, issueId }));
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidateReaderSite();
  return { ok: true, message: "Saved." };
}
