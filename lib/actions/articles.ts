"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createArticle, transitionArticle, updateArticle } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { fromLocalInput } from "@/lib/domain/time";
import { AppError } from "@/lib/errors";
import { ZArticleCreate, ZArticleUpdate, ZId, ZTransition } from "@/lib/validation/article";
import { revalidateArticle } from "./revalidate";
import { type ActionResult, authedAction, formToObject } from "./safe-action";

const ZSave = ZArticleUpdate.extend({ id: ZId });

export type SavedArticle = { id: string; slug: string; version: number; updatedAt: string };

/** Create a story from the editor; the caller becomes its first byline. */
export async function createArticleAction(input: unknown): Promise<ActionResult<SavedArticle>> {
  return authedAction(ZArticleCreate, input, async (data, user) => {
    const article = await createArticle({ actor: user, input: data });
    revalidatePath("/newsroom");
    return { id: article.id, slug: article.slug, version: article.version, updatedAt: article.updatedAt };
  });
}

/** Save an edit; a stale version returns CONFLICT and changes nothing. */
export async function saveArticleAction(input: unknown): Promise<ActionResult<SavedArticle>> {
  return authedAction(ZSave, input, async ({ id, ...data }, user) => {
    const article = await updateArticle({ actor: user, id, input: data });
    if (article.status === "PUBLISHED") revalidateArticle(article);
    return { id: article.id, slug: article.slug, version: article.version, updatedAt: article.updatedAt };
  });
}

export type TransitionFormState = {
  ok?: boolean;
  message?: string;
  fields?: Record<string, string>;
  values?: { note?: string; publishAt?: string };
};

/** The transition form: the clicked button names the action; publishAt is local publication time. */
const ZTransitionForm = z.object({ id: ZId, action: z.string(), note: z.string().optional(), publishAt: z.string().optional() });

export async function transitionAction(_prev: TransitionFormState, form: FormData): Promise<TransitionFormState> {
  const raw = formToObject(form);
  const values = { note: typeof raw.note === "string" ? raw.note : "", publishAt: typeof raw.publishAt === "string" ? raw.publishAt : "" };
  const result = await authedAction(ZTransitionForm, raw, async ({ id, action, note, publishAt }, user) => {
    let iso: string | null = null;
    if (action === "publish" && publishAt) {
      const { timeZone } = await getPublication();
      const when = fromLocalInput(publishAt, timeZone);
      if (!when) throw new AppError("VALIDATION", "Enter a valid date and time.", { fields: { publishAt: "Enter a valid date and time." } });
      if (when.getTime() <= Date.now()) {
        throw new AppError("VALIDATION", "Choose a time in the future, or leave it empty to publish now.", {
          fields: { publishAt: "Choose a time in the future, or leave it empty to publish now." },
        });
      }
      iso = when.toISOString();
    }
    const parsed = ZTransition.safeParse({ action, note: note || undefined, publishAt: iso });
    if (!parsed.success) throw new AppError("VALIDATION", "That is not an action this story offers.", { fields: { action: "Unknown action." } });
    const article = await transitionArticle({ actor: user, id, input: parsed.data });
    revalidateArticle(article);
    revalidatePath(`/newsroom/articles/${id}`);
    revalidatePath("/newsroom");
    return article;
  });
  if (result.ok) return { ok: true, message: "Done." };
  return { ok: false, message: result.error.message, fields: result.error.fields, values };
}
