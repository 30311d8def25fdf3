"use server";
import { z } from "zod";
import { getPublication } from "@/lib/data/publication";
import { fromLocalInput } from "@/lib/domain/time";
import { shortWeekdayTime, transitionDoneMessage } from "@/lib/domain/workflow-copy";
import { AppError } from "@/lib/errors";
import { pinArticle } from "@/lib/use-cases/articles/pin-article";
import { restoreRevision } from "@/lib/use-cases/articles/restore-revision";
import { transitionArticle } from "@/lib/use-cases/articles/transition-article";
import { ZId, ZTransition } from "@/lib/validation/article";
import { type ActionState, formAction } from "./form-state";

const ZRestoreForm = z.object({ articleId: ZId, revisionId: ZId, version: z.coerce.number().int().min(1) });
/** Front-page placement: "1" = lead, "2".."5" = features, "" = by date. */
const ZPinForm = z.object({ id: ZId, pinRank: z.enum(["", "1", "2", "3", "4", "5"]).transform((v) => (v === "" ? null : Number(v))) });


/** The transition form: the clicked button names the action; publishAt is local publication time. */
const ZTransitionForm = z
  .object({ id: ZId, action: z.string(), note: z.string().optional(), publishAt: z.string().optional(), confirmOpenSuggestions: z.string().optional() })
  .transform(({ id, action, note, publishAt, confirmOpenSuggestions }, ctx) => {
    const parsed = ZTransition.shape.action.safeParse(action);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: ["action"], message: "That is not an action this story offers." });
      return z.NEVER;
    }
    return { id, action: parsed.data, note: note || undefined, publishAt: parsed.data === "publish" ? publishAt || "" : "", confirmOpenSuggestions: confirmOpenSuggestions === "true" };
  });

export async function transitionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(
    form,
    ZTransitionForm,
    async ({ id, action, note, publishAt, confirmOpenSuggestions }, user) => {
      let iso: string | null = null;
      if (publishAt) {
        const { timeZone } = await getPublication();
        const when = fromLocalInput(publishAt, timeZone);
        if (!when) throw new AppError("VALIDATION", "Enter a valid date and time.", { fields: { publishAt: "Enter a valid date and time." } });
        // Whether it lies in the future is the workflow's rule (lib/domain/workflow.ts), for every caller.
        iso = when.toISOString();
      }
      const { data } = await transitionArticle({ actor: user, id, input: { action, note, publishAt: iso, confirmOpenSuggestions } });
      return { action, status: data.status, notified: data.notified, scheduledFor: publishAt ? shortWeekdayTime(publishAt) : null };
    },
    { success: (d) => transitionDoneMessage({ action: d.action, to: d.status, notified: d.notified, scheduledFor: d.scheduledFor }), shown: ["note", "publishAt"] },
  );
}


/** Restore a revision from the history page; the restore is itself a new revision. */
export async function restoreRevisionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(
    form,
    ZRestoreForm,
    ({ articleId, revisionId, version }, user) => restoreRevision({ actor: user, articleId, revisionId, input: { version } }).then((o) => ({ version: o.data.version })),
    { success: (d) => `Restored as version ${d.version}.` },
  );
}

export async function pinAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return formAction(form, ZPinForm, ({ id, pinRank }, user) => pinArticle({ actor: user, id, input: { pinRank } }).then((o) => ({ pinRank: o.data.pinRank })), {
    success: () => "Front page updated.",
  });
}
