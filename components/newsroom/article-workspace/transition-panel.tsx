"use client";
import { useEffect, useRef, useState } from "react";
import { buttonClass, Field, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";
import { type ArticleStatus, ASKS_ABOUT_SUGGESTIONS, NOTE_REQUIRED, openSuggestionsMessage, TRANSITION_LABELS, type TransitionAction } from "@/lib/domain/workflow";
import { publishButtonLabel, transitionButtonLabel } from "@/lib/domain/workflow-copy";

/** The id of the workflow form, so a button elsewhere on the page (the read-only notice's Withdraw) can submit it. */
export function workflowFormId(articleId: string): string {
  return `workflow-${articleId}`;
}

/**
 * The workflow moves the page allows (the action checks again); disabled while edits are unsaved,
 * so a move carries the text on screen. After a move, focus goes to the line saying what happened
 * and who was told, so a keyboard or screen-reader user lands on the answer, not the page top.
 */
export function TransitionPanel({
  articleId,
  status,
  transitions,
  dirty,
  timeZone,
  action,
  openSuggestions = 0,
  hidden = [],
}: {
  articleId: string;
  status: ArticleStatus;
  transitions: TransitionAction[];
  dirty: boolean;
  timeZone: string;
  action: FormActionFn;
  /** Suggested edits still open: approving or publishing asks first (the server refuses unless confirmed). */
  openSuggestions?: number;
  /** Moves offered elsewhere on the page (Withdraw, in the read-only notice); they still submit this form. */
  hidden?: TransitionAction[];
}) {
  const confirmRef = useRef<HTMLInputElement>(null);
  const { state, formAction, pending, value } = useFormAction(action);
  const shown = transitions.filter((t) => !hidden.includes(t));
  const needsNote = shown.some((t) => NOTE_REQUIRED.has(t));
  const f = state.fields ?? {};
  const [publishAt, setPublishAt] = useState("");
  // A new answer: a success empties the time (the story is scheduled now), a refusal keeps it.
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setPublishAt(state.ok ? "" : (value("publishAt") ?? publishAt));
  }
  const message = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.message) message.current?.focus();
    else if (state.fields) document.getElementById(Object.keys(state.fields)[0] ?? "")?.focus();
  }, [state]);
  return (
    <aside aria-label="Workflow" className="h-fit rounded border border-rule bg-panel p-4">
      <h2 className="font-bold">Workflow</h2>
      <form id={workflowFormId(articleId)} action={formAction} className="mt-3 flex flex-col gap-3">
        <input type="hidden" name="id" value={articleId} />
        <input type="hidden" name="confirmOpenSuggestions" defaultValue="false" ref={confirmRef} />
        {needsNote && (
          <Field id="note" label="Note" error={f.note} hint="Required to request changes, to unpublish or to cancel a schedule. The writer sees it.">
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
        {shown.includes("publish") && (
          <Field id="publishAt" label={`Schedule for (${timeZone} time)`} error={f.publishAt} hint="Leave empty to publish now.">
            <input
              id="publishAt"
              name="publishAt"
              type="datetime-local"
              value={publishAt}
              onChange={(e) => setPublishAt(e.target.value)}
              aria-invalid={f.publishAt ? true : undefined}
              aria-describedby={f.publishAt ? "publishAt-error" : "publishAt-hint"}
              className={inputClass}
            />
          </Field>
        )}
        {dirty && <p className="text-sm font-semibold text-warn">Saving your changes first…</p>}
        {shown.length > 0 ? (
          <div className="flex flex-col gap-2">
            {shown.map((t) => (
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
                {t === "publish" ? publishButtonLabel(publishAt) : transitionButtonLabel(t, status, TRANSITION_LABELS[t])}
              </button>
            ))}
          </div>
        ) : (
          hidden.length === 0 && <p className="text-sm text-muted">Nothing for you to do here at this stage.</p>
        )}
        {/* The field messages stand next to their fields; this line says the rest, and takes focus after a move. */}
        <p
          ref={message}
          tabIndex={-1}
          role="status"
          data-testid="workflow-status"
          className={state.message ? (state.ok ? "font-semibold text-ok" : "font-semibold text-danger") : "sr-only"}
        >
          {state.message}
        </p>
      </form>
    </aside>
  );
}
