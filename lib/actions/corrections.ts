"use server";
import { z } from "zod";
import { decideTakedown } from "@/lib/use-cases/takedowns/decide-takedown";
import { recordTakedownRequest } from "@/lib/use-cases/takedowns/record-takedown-request";
import { addCorrection } from "@/lib/use-cases/corrections/add-correction";
import { ZId } from "@/lib/validation/article";
import { ZCorrection, ZTakedownDecision, ZTakedownRequest } from "@/lib/validation/corrections";
import { type ActionState, formAction } from "./form-state";

const ZCorrectionForm = ZCorrection.extend({ articleId: ZId });
const ZRequestForm = ZTakedownRequest.extend({ articleId: ZId });
const ZDecisionForm = z.object({ articleId: ZId, requestId: ZId }).and(ZTakedownDecision);

export async function addCorrectionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZCorrectionForm, ({ articleId, ...input }, user) => addCorrection({ actor: user, articleId, input }).then((o) => o.data.id), {
    success: () => "Correction added. It shows on the story, in its feed entry and on the corrections page.",
    shown: ["kind", "position", "body"],
  });
}

export async function recordTakedownAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZRequestForm, ({ articleId, ...input }, user) => recordTakedownRequest({ actor: user, articleId, input }).then((o) => o.data.id), {
    success: () => "Request recorded. An adviser decides it.",
    shown: ["requesterName", "requesterContact", "reason"],
  });
}

/** The use case refreshes every public page that showed the name (or the old address). */
export async function decideTakedownAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(
    form,
    ZDecisionForm,
    ({ articleId, requestId, ...input }, user) => decideTakedown({ actor: user, articleId, requestId, input }).then((o) => o.data.slug),
    { success: () => "Decision recorded.", shown: ["decision", "anonymizedName", "decisionReason"] },
  );
}
