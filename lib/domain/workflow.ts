/**
 * The article workflow: which transitions exist and where they lead. PURE: no Prisma, no Next.
 * Who may make a transition is decided by lib/auth/policy.ts; both are called by every action
 * and API handler.
 *
 *   DRAFT --submit--> SUBMITTED --approve--> APPROVED --publish--> PUBLISHED --unpublish--> UNPUBLISHED
 *     ^                 |  ^                   |   |                   ^                      |
 *     +---withdraw------+  +--submit-- CHANGES_REQUESTED <--request_changes (from SUBMITTED/APPROVED)
 *                                              |                       |                      |
 *                                              +--publish(publishAt)--> SCHEDULED --(time)----+
 *   UNPUBLISHED --republish--> PUBLISHED;  SCHEDULED --unpublish--> APPROVED (schedule cancelled)
 *
 * A PUBLISHED or SCHEDULED story keeps its live text; edits go to a working copy (see
 * WORKING_COPY_ACTIONS): publish_changes, discard_changes and request_publish_changes leave the
 * status where it is and exist only while the working copy differs from the live text.
 */

export const ARTICLE_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "CHANGES_REQUESTED",
  "APPROVED",
  "SCHEDULED",
  "PUBLISHED",
  "UNPUBLISHED",
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const TRANSITIONS = [
  "submit",
  "withdraw",
  "request_changes",
  "approve",
  "publish",
  "unpublish",
  "republish",
  "publish_changes",
  "discard_changes",
  "request_publish_changes",
] as const;
export type TransitionAction = (typeof TRANSITIONS)[number];

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  DRAFT: "Draft",
  SUBMITTED: "In review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  SCHEDULED: "Scheduled",
  PUBLISHED: "Published",
  UNPUBLISHED: "Unpublished",
};

export const TRANSITION_LABELS: Record<TransitionAction, string> = {
  submit: "Submit for review",
  withdraw: "Withdraw submission",
  request_changes: "Request changes",
  approve: "Approve",
  publish: "Publish",
  unpublish: "Unpublish",
  republish: "Republish",
  publish_changes: "Publish changes",
  discard_changes: "Discard changes",
  request_publish_changes: "Ask to publish these changes",
};

/** Transitions that cannot be made without an explanatory note. */
export const NOTE_REQUIRED: ReadonlySet<TransitionAction> = new Set(["request_changes", "unpublish"]);

const EDGES: Record<TransitionAction, Partial<Record<ArticleStatus, ArticleStatus>>> = {
  submit: { DRAFT: "SUBMITTED", CHANGES_REQUESTED: "SUBMITTED" },
  withdraw: { SUBMITTED: "DRAFT" },
  request_changes: { SUBMITTED: "CHANGES_REQUESTED", APPROVED: "CHANGES_REQUESTED" },
  approve: { SUBMITTED: "APPROVED" },
  // publish goes to SCHEDULED instead when given a future publishAt (see applyTransition).
  publish: { APPROVED: "PUBLISHED", SCHEDULED: "PUBLISHED" },
  unpublish: { PUBLISHED: "UNPUBLISHED", SCHEDULED: "APPROVED" },
  republish: { UNPUBLISHED: "PUBLISHED" },
  publish_changes: { PUBLISHED: "PUBLISHED", SCHEDULED: "SCHEDULED" },
  discard_changes: { PUBLISHED: "PUBLISHED", SCHEDULED: "SCHEDULED" },
  request_publish_changes: { PUBLISHED: "PUBLISHED", SCHEDULED: "SCHEDULED" },
};

/** The actions on a story's working copy: the status stays, and each needs pending changes. */
export const WORKING_COPY_ACTIONS = ["publish_changes", "discard_changes", "request_publish_changes"] as const satisfies readonly TransitionAction[];
export type WorkingCopyAction = (typeof WORKING_COPY_ACTIONS)[number];
export function isWorkingCopyAction(action: TransitionAction): action is WorkingCopyAction {
  return (WORKING_COPY_ACTIONS as readonly TransitionAction[]).includes(action);
}

/**
 * Statuses whose text is (or is about to be) in front of readers: edits to such a story go to
 * its working copy, and the live text changes only through publish_changes.
 */
export const LIVE_TEXT_STATUSES: readonly ArticleStatus[] = ["PUBLISHED", "SCHEDULED"];
export function keepsLiveText(status: ArticleStatus): boolean {
  return LIVE_TEXT_STATUSES.includes(status);
}

/**
 * A move that takes a story out of the live-text statuses (unpublish; a cancelled schedule)
 * folds its working copy into the main text, so no edit is lost.
 */
export function foldsWorkingCopy(from: ArticleStatus, to: ArticleStatus): boolean {
  return keepsLiveText(from) && !keepsLiveText(to);
}

/**
 * Every status by name, for code outside this module: queries and pages say `STATUS.PUBLISHED`
 * or use a predicate below, never a string literal (ESLint refuses status literals elsewhere).
 */
export const STATUS = Object.fromEntries(ARTICLE_STATUSES.map((s) => [s, s])) as { readonly [S in ArticleStatus]: S };

/** The statuses in which a story is on the reader site. */
export const PUBLIC_STATUSES: readonly ArticleStatus[] = ["PUBLISHED"];
/** Statuses in which a story is visible to the public. */
export function isPublic(status: ArticleStatus): boolean {
  return PUBLIC_STATUSES.includes(status);
}

/** The work is still with its writers: their own drafts and stories sent back to them. */
export const WITH_WRITERS: readonly ArticleStatus[] = ["DRAFT", "CHANGES_REQUESTED"];
export function isWithWriters(status: ArticleStatus): boolean {
  return WITH_WRITERS.includes(status);
}

/** A reviewer sent it back: the writer has a change request (and maybe required changes) to answer. */
export function hasChangesRequested(status: ArticleStatus): boolean {
  return status === "CHANGES_REQUESTED";
}

/**
 * It has been in front of readers: live now, or unpublished since. Corrections and takedown
 * requests concern such a story.
 */
export const AFTER_PUBLICATION_STATUSES: readonly ArticleStatus[] = ["PUBLISHED", "UNPUBLISHED"];
export function isAfterPublication(status: ArticleStatus): boolean {
  return AFTER_PUBLICATION_STATUSES.includes(status);
}

/** A draft nobody has submitted yet: only its writers (and faculty) see it. */
export function isUnsubmittedDraft(status: ArticleStatus): boolean {
  return status === "DRAFT";
}

/** Waiting for a reviewer's decision (the review queue). */
export const REVIEW_QUEUE_STATUSES: readonly ArticleStatus[] = ["SUBMITTED"];

/** Decided and on its way out, not yet public: approved or scheduled. */
export const READY_STATUSES: readonly ArticleStatus[] = ["APPROVED", "SCHEDULED"];

/** Stories on the budget: everything not yet (or no longer) on the reader site. */
export const BUDGET_STATUSES = ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "SCHEDULED"] as const satisfies readonly ArticleStatus[];

/** Only a story on the reader site can hold a front-page slot. */
export function canBePinned(status: ArticleStatus): boolean {
  return isPublic(status);
}

/** Waiting for its publish time. */
export function isScheduled(status: ArticleStatus): boolean {
  return status === "SCHEDULED";
}

/**
 * A story's address is fixed once readers may have seen it (or it is scheduled to appear):
 * until then a new headline gives it a new slug.
 */
export function hasStableAddress(article: { status: ArticleStatus; publishedAt: Date | string | null }): boolean {
  return article.publishedAt !== null || isScheduled(article.status);
}

/** Corrections are appended to a story that is on the reader site or was taken down from it. */
export function takesCorrections(status: ArticleStatus): boolean {
  return isAfterPublication(status);
}

/** A transition's result that leaves the reader site also leaves the front page. */
export function keepsFrontPageSlot(to: ArticleStatus): boolean {
  return isPublic(to);
}

/** Workflow events that mark a revision of their own in the history. */
export const REVISION_EVENTS: ReadonlySet<TransitionAction> = new Set(["submit", "request_changes", "approve", "publish", "republish", "publish_changes"]);

/**
 * The transitions that exist from a status, regardless of who asks. The working-copy actions
 * exist only while the story has pending changes (leave `pendingChanges` out: none).
 */
export function availableTransitions(status: ArticleStatus, { pendingChanges = false }: { pendingChanges?: boolean } = {}): TransitionAction[] {
  return TRANSITIONS.filter((action) => EDGES[action][status] !== undefined && (pendingChanges || !isWorkingCopyAction(action)));
}

export type TransitionInput = {
  status: ArticleStatus;
  action: TransitionAction;
  note?: string | null;
  publishAt?: Date | null;
  /** Open REQUIRED comments on the story: approval waits until there are none. */
  openRequiredChanges?: number;
  /** The working copy differs from the live text (lib/domain/working-copy.ts hasPendingChanges). */
  pendingChanges?: boolean;
  /** Suggested edits still open in the text: approving or publishing asks first. */
  openSuggestions?: number;
  /** The person saw how many suggestions are open and goes ahead anyway. */
  confirmOpenSuggestions?: boolean;
  now: Date;
};

export type TransitionResult =
  | { ok: true; from: ArticleStatus; to: ArticleStatus; publishAt: Date | null; publishedNow: boolean }
  | { ok: false; code: "INVALID_TRANSITION" | "NOTE_REQUIRED" | "INVALID_PUBLISH_AT" | "REQUIRED_CHANGES_OPEN" | "NO_PENDING_CHANGES" | "SUGGESTIONS_OPEN"; message: string };

/**
 * Decide where a transition leads. Never throws; an impossible request gets a reason.
 * A publish with a publishAt in the future schedules; a publishAt at or before `now` is refused
 * (leave it out to publish at once). The scheduler publishes a due story without one.
 */
export function applyTransition(input: TransitionInput): TransitionResult {
  const { status, action, now } = input;
  const target = EDGES[action]?.[status];
  if (target === undefined) {
    return {
      ok: false,
      code: "INVALID_TRANSITION",
      message: `A story that is ${STATUS_LABELS[status].toLowerCase()} cannot be given "${TRANSITION_LABELS[action] ?? action}".`,
    };
  }
  if (isWorkingCopyAction(action) && !input.pendingChanges) {
    return { ok: false, code: "NO_PENDING_CHANGES", message: "This story has no unpublished changes: its working copy is the live text." };
  }
  const note = input.note?.trim() ?? "";
  if (NOTE_REQUIRED.has(action) && note.length === 0) {
    return {
      ok: false,
      code: "NOTE_REQUIRED",
      message: action === "unpublish" ? "Give a reason for unpublishing." : "Write a note telling the writer what to change.",
    };
  }
  const open = input.openRequiredChanges ?? 0;
  if (action === "approve" && open > 0) {
    return {
      ok: false,
      code: "REQUIRED_CHANGES_OPEN",
      message: `Resolve the ${open === 1 ? "required change" : `${open} required changes`} before approving.`,
    };
  }
  const suggestions = input.openSuggestions ?? 0;
  if (ASKS_ABOUT_SUGGESTIONS.has(action) && suggestions > 0 && !input.confirmOpenSuggestions) {
    return { ok: false, code: "SUGGESTIONS_OPEN", message: openSuggestionsMessage(suggestions, action) };
  }
  if (input.publishAt && action !== "publish") {
    return { ok: false, code: "INVALID_PUBLISH_AT", message: "Only a publish can carry a publish time." };
  }
  if (action === "publish" && input.publishAt) {
    // One rule whichever way the request arrives (form, API): a publish time is in the future.
    if (input.publishAt.getTime() <= now.getTime()) {
      return { ok: false, code: "INVALID_PUBLISH_AT", message: "Choose a time in the future, or leave it empty to publish now." };
    }
    return { ok: true, from: status, to: "SCHEDULED", publishAt: input.publishAt, publishedNow: false };
  }
  return { ok: true, from: status, to: target, publishAt: null, publishedNow: target === "PUBLISHED" && !isWorkingCopyAction(action) };
}

/** The moves that put text before readers (or sign it off): they ask first while suggestions are open. */
export const ASKS_ABOUT_SUGGESTIONS: ReadonlySet<TransitionAction> = new Set(["approve", "publish", "republish", "publish_changes"]);

/** "2 suggestions are still open. Approve anyway?" — the question the panel asks and the refusal the API gives. */
export function openSuggestionsMessage(count: number, action: TransitionAction): string {
  const verb = action === "approve" ? "Approve" : action === "republish" ? "Republish" : action === "publish_changes" ? "Publish these changes" : "Publish";
  return `${count === 1 ? "1 suggestion is" : `${count} suggestions are`} still open. ${verb} anyway?`;
}

/** A SCHEDULED story whose time has come goes live; used by the scheduler. */
export function isDue(article: { status: ArticleStatus; publishAt: Date | null }, now: Date): boolean {
  return isScheduled(article.status) && article.publishAt !== null && article.publishAt.getTime() <= now.getTime();
}
