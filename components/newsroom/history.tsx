import { isSuggestionHistoryAction } from "@/lib/domain/suggestions";
import { type ArticleStatus, isWorkingCopyAction, STATUS_LABELS, TRANSITION_LABELS, type TransitionAction, type WorkingCopyAction } from "@/lib/domain/workflow";

/** A live story's working-copy steps leave the status alone, so their line says what happened instead. */
const WORKING_COPY_LINES: Record<WorkingCopyAction, string> = {
  publish_changes: "Updated by",
  discard_changes: "Unpublished changes discarded by",
  request_publish_changes: "Publishing these changes asked for by",
};

export type HistoryEntry = {
  id: string;
  action: string;
  from: ArticleStatus;
  to: ArticleStatus;
  note: string;
  actor: string | null;
  atLabel: string;
  atIso: string;
  publishAtLabel: string | null;
};

/** The story's workflow history: who moved it, when, from where to where, and why. */
export function History({ entries }: { entries: HistoryEntry[] }) {
  return (
    <section aria-labelledby="history-heading" className="mt-10">
      <h2 id="history-heading" className="text-xl font-bold">
        History
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-muted">No workflow steps yet: this story has not been submitted.</p>
      ) : (
        <ol className="mt-3 flex flex-col gap-3" data-testid="history">
          {entries.map((e) => (
            <li key={e.id} className="border-l-4 border-rule pl-3">
              {isSuggestionHistoryAction(e.action) ? (
                // The note is the whole line: "Hana Park accepted a suggestion by Minji Kim: “…”".
                <p>
                  {e.note} <time dateTime={e.atIso} className="text-sm text-muted">{e.atLabel}</time>
                </p>
              ) : isWorkingCopyAction(e.action as TransitionAction) ? (
                <p>
                  {WORKING_COPY_LINES[e.action as WorkingCopyAction]} <span className="font-semibold">{e.actor ?? "Scheduler"}</span>{" "}
                  <time dateTime={e.atIso} className="text-sm text-muted">{e.atLabel}</time>
                </p>
              ) : (
                <>
                  <p>
                    <span className="font-semibold">{e.actor ?? "Scheduler"}</span> — {TRANSITION_LABELS[e.action as TransitionAction] ?? e.action} ({STATUS_LABELS[e.from]} →{" "}
                    {STATUS_LABELS[e.to]}) <time dateTime={e.atIso} className="text-sm text-muted">{e.atLabel}</time>
                  </p>
                  {e.publishAtLabel && <p className="text-sm">Scheduled for {e.publishAtLabel}</p>}
                  {e.note && <blockquote className="mt-1 whitespace-pre-line text-sm italic">{e.note}</blockquote>}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
