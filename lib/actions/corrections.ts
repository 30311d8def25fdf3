"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addCorrection } from "@/lib/data/corrections";
import { decideTakedown } from "@/lib/use-cases/takedowns/decide-takedown";
import { recordTakedownRequest } from "@/lib/use-cases/takedowns/record-takedown-request";
import { ZId } from "@/lib/validation/article";
import { ZCorrection, ZTakedownDecision, ZTakedownRequest } from "@/lib/validation/corrections";
import { revalidateArticle, revalidateReaderSite } from "./revalidate";
import { authedAction, formToObject, formValues } from "./safe-action";
import type { FormState } from "./staff";


function refresh(articleId: string) {
  revalidateArticle({ slug: "", section: null });
  revalidatePath(`/newsroom/articles/${articleId}`);
}

export async function addCorrectionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZCorrection.extend({ articleId: ZId }), formToObject(form), async ({ articleId, ...input }, user) => {
    await addCorrection({ actor: user, articleId, input });
    return articleId;
  });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  refresh(result.data);
  return { ok: true, message: "Correction added. It shows on the story, in its feed entry and on the corrections page." };
}

export async function recordTakedownAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZTakedownRequest.extend({ articleId: ZId }), formToObject(form), async ({ articleId, ...input }, user) => {
    await recordTakedownRequest({ actor: user, articleId, input });
    return articleId;
  });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  revalidatePath(`/newsroom/articles/${result.data}`);
  return { ok: true, message: "Request recorded. An adviser decides it." };
}

const ZDecisionForm = z.object({ articleId: ZId, requestId: ZId }).and(ZTakedownDecision);

export async function decideTakedownAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await authedAction(ZDecisionForm, formToObject(form), async ({ articleId, requestId, ...input }, user) => {
    await decideTakedown({ actor: user, articleId, requestId, input });
    return articleId;
  });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields, values: formValues(form) };
  // The use case refreshed every public page that showed the name (or the old address).
  return { ok: true, message: "Decision recorded." };
}
