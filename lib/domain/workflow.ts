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
};

/** Statuses in which a story is visible to the public. */
export function isPublic(status: ArticleStatus): boolean {
  return status === "PUBLISHED";
}

/** The transitions that exist from a status, regardless of who asks. */
export function availableTransitions(status: ArticleStatus): TransitionAction[] {
  return TRANSITIONS.filter((action) => EDGES[action][status] !== undefined);
}

export type TransitionInput = {
  status: ArticleStatus;
  action: TransitionAction;
  note?: string | null;
  publishAt?: Date | null;
  /** Open REQUIRED comments on the story: approval waits until there are none. */
  openRequiredChanges?: number;
  now: Date;
};

export type TransitionResult =
  | { ok: true; from: ArticleStatus; to: ArticleStatus; publishAt: Date | null; publishedNow: boolean }
  | { ok: false; code: "INVALID_TRANSITION" | "NOTE_REQUIRED" | "INVALID_PUBLISH_AT" | "REQUIRED_CHANGES_OPEN"; message: string };

/**
 * Decide where a transition leads. Never throws; an impossible request gets a reason.
 * A publish with a publishAt in the future schedules; at or before `now` it publishes at once.
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
  if (input.publishAt && action !== "publish") {
    return { ok: false, code: "INVALID_PUBLISH_AT", message: "Only a publish can carry a publish time." };
  }
  if (action === "publish" && input.publishAt && input.publishAt.getTime() > now.getTime()) {
    return { ok: true, from: status, to: "SCHEDULED", publishAt: input.publishAt, publishedNow: false };
  }
  return { ok: true, from: status, to: target, publishAt: null, publishedNow: target === "PUBLISHED" };
}

/** A SCHEDULED story whose time has come goes live; used by the scheduler. */
export function isDue(article: { status: ArticleStatus; publishAt: Date | null }, now: Date): boolean {
  return article.status === "SCHEDULED" && article.publishAt !== null && article.publishAt.getTime() <= now.getTime();
}
