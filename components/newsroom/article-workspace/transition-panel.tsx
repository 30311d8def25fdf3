"use client";
import { buttonClass, Field, FormMessage, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";
import { useRef } from "react";
import { ASKS_ABOUT_SUGGESTIONS, NOTE_REQUIRED, openSuggestionsMessage, TRANSITION_LABELS, type TransitionAction } from "@/lib/domain/workflow";

/** The workflow moves the page allows (the action checks again); disabled while edits are unsaved, so a move carries the text on screen. */
export function TransitionPanel({
  articleId,
  transitions,
  dirty,
  timeZone,
  action,
  openSuggestions = 0,
}: {
  articleId: string;
  transitions: TransitionAction[];
  dirty: boolean;
  timeZone: string;
  action: FormActionFn;
  /** Suggested edits still open: approving or publishing asks first (the server refuses unless confirmed). */
  openSuggestions?: number;
}) {
  const confirmRef = useRef<HTMLInputElement>(null);
  const { state, formAction, pending, value } = useFormAction(action);
  const needsNote = transitions.some((t) => NOTE_REQUIRED.has(t));
  const f = state.fields ?? {};
  return (
    <aside aria-label="Workflow" className="h-fit rounded border border-rule bg-panel p-4">
      <h2 className="font-bold">Workflow</h2>
      <form action={formAction} className="mt-3 flex flex-col gap-3">
        <input type="hidden" name="id" value={articleId} />
        <input type="hidden" name="confirmOpenSuggestions" defaultValue="false" ref={confirmRef} />
        {needsNote && (
          <Field id="note" label="Note" error={f.note} hint="Required to request changes or to unpublish. The writer sees it.">
            <textarea
              id="note"
              name="note"
              rows={4}
              defaultValue={value("note")}
              aria-invalid={f.note ? true : undefined}
              aria-describedby={f.note ? "note-error" : "note-hint"}
              className={inputClass}
            />
          </Field>
        )}
        {transitions.includes("publish") && (
          <Field id="publishAt" label={`Schedule for (${timeZone} time)`} error={f.publishAt} hint="Leave empty to publish now.">
            <input
              id="publishAt"
              name="publishAt"
              type="datetime-local"
              defaultValue={value("publishAt")}
              aria-invalid={f.publishAt ? true : undefined}
              aria-describedby={f.publishAt ? "publishAt-error" : "publishAt-hint"}
              className={inputClass}
            />
          </Field>
        )}
        {dirty && <p className="text-sm font-semibold text-warn">Saving your changes first…</p>}
        <div className="flex flex-col gap-2">
          {transitions.map((t) => (
            <button
              key={t}
              type="submit"
              name="action"
              value={t}
              disabled={pending || dirty}
              onClick={(e) => {
                if (!confirmRef.current) return;
                const asks = ASKS_ABOUT_SUGGESTIONS.has(t) && openSuggestions > 0;
                if (asks && !window.confirm(openSuggestionsMessage(openSuggestions, t))) return e.preventDefault();
                confirmRef.current.value = asks ? "true" : "false";
              }}
              className={t === "publish" || t === "approve" || t === "submit" || t === "republish" ? buttonClass : secondaryButtonClass}
            >
              {TRANSITION_LABELS[t]}
            </button>
          ))}
        </div>
        <FormMessage ok={state.ok} message={state.message} />
      </form>
    </aside>
  );
}
