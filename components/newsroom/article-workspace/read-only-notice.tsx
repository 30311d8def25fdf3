"use client";
import { secondaryButtonClass } from "@/components/ui/field";
import { type ArticleStatus, isAfterPublication, isScheduled, STATUS_LABELS, type TransitionAction } from "@/lib/domain/workflow";
import { workflowFormId } from "./transition-panel";

/** Why this story is read-only for the person looking at it, in their terms. */
function reason(status: ArticleStatus, canWithdraw: boolean): string {
  if (canWithdraw) return "In review: you can edit again if an editor requests changes or you withdraw it.";
  if (isScheduled(status)) return "Scheduled: it goes live by itself. Cancel the schedule to edit it again.";
  if (isAfterPublication(status)) return `${STATUS_LABELS[status]}: only an editor can change it now.`;
  return `${STATUS_LABELS[status]}: you can read this story, but not edit it at this stage.`;
}

/**
 * The line at the top of a story its reader may not edit: why, and the way back where there is
 * one. Withdraw submits the Workflow panel's form, so its answer appears (and takes focus) there.
 */
export function ReadOnlyNotice({ articleId, status, transitions, onSuggest }: { articleId: string; status: ArticleStatus; transitions: TransitionAction[]; /** Offered to someone who may suggest changes though not edit. */ onSuggest?: () => void }) {
  const canWithdraw = transitions.includes("withdraw");
  return (
    <div role="note" aria-label="Read-only" className="flex flex-wrap items-center justify-between gap-3 rounded border-2 border-rule bg-panel p-3" data-testid="read-only-notice">
      <p className="font-semibold">{reason(status, canWithdraw)}</p>
      <div className="flex flex-wrap gap-2">
        {onSuggest && (
          <button type="button" onClick={onSuggest} className={secondaryButtonClass}>
            Suggest changes
          </button>
        )}
        {canWithdraw && (
          <button type="submit" form={workflowFormId(articleId)} name="action" value="withdraw" className={secondaryButtonClass}>
            Withdraw
          </button>
        )}
      </div>
    </div>
  );
}

/** The story's details as text, for a reader who may not edit them (no input boxes to mistake for live ones). */
export function ReadOnlyDetails({
  headline,
  dek,
  section,
  coAuthors,
  tags,
}: {
  headline: string;
  dek: string;
  section: string | null;
  coAuthors: string[];
  tags: string;
}) {
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]" data-testid="read-only-details">
      <dt className="text-sm font-semibold">Headline</dt>
      <dd className="font-serif text-2xl font-bold">{headline}</dd>
      <dt className="text-sm font-semibold">Dek</dt>
      <dd>{dek || <span className="text-muted">None</span>}</dd>
      <dt className="text-sm font-semibold">Section</dt>
      <dd>{section ?? <span className="text-muted">No section</span>}</dd>
      <dt className="text-sm font-semibold">Co-authors</dt>
      <dd>{coAuthors.length > 0 ? coAuthors.join(", ") : <span className="text-muted">None</span>}</dd>
      <dt className="text-sm font-semibold">Tags</dt>
      <dd>{tags || <span className="text-muted">None</span>}</dd>
    </dl>
  );
}
