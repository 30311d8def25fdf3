/**
 * Who may do what. PURE: no Prisma, no Next, no I/O. Every server action and API handler asks
 * `can(actor, action, article)` on the specific record; the UI only reflects the answer.
 *
 * Invariants:
 * - `view` is the floor: no other article action is allowed on a story the actor cannot view,
 *   and a story one cannot view is reported as 404, never 403.
 * - Role and review policy come from the database on every request, never from a session token.
 */
import { type ArticleStatus, isPublic, isScheduled, isUnsubmittedDraft, isWithWriters, type TransitionAction } from "@/lib/domain/workflow";
import { secondFactorRequired, type TwoFactorPolicy } from "@/lib/domain/sign-in";

export const ROLES = ["WRITER", "EDITOR", "ADVISER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];
export const REVIEW_POLICIES = ["ADVISER_APPROVES", "STUDENT_EDITORS_PUBLISH"] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  WRITER: "Writer",
  EDITOR: "Student editor",
  ADVISER: "Adviser",
  ADMIN: "Administrator",
};

export type Actor = {
  userId: string;
  personId: string;
  role: Role;
  /** The publication's review policy, read with the actor on every request. */
  reviewPolicy: ReviewPolicy;
  /** The scheduler, acting for whoever scheduled a story (SYSTEM_ACTOR); never a person. */
  system?: true;
};

/** The facts about a story that permissions depend on. */
export type ArticleFacts = {
  status: ArticleStatus;
  createdById: string;
  authorPersonIds: readonly string[];
  /**
   * An assignment's assigning editor. They follow the draft (view, comment) without owning it:
   * they review it like anyone else's story, and only its writers edit, submit or withdraw it.
   */
  assignedById?: string | null;
};

export type ArticleAction =
  | "view"
  | "edit"
  | "comment"
  | "resolve_coaching"
  | "resolve_required"
  | "restore_revision"
  | "pin"
  | "correct"
  | "place_in_issue"
  | "decide_takedown"
  | "suggest"
  | "decide_suggestion"
  | TransitionAction;

/**
 * Permissions that do not depend on a record, each named for what it allows. Who holds each is
 * the table below (in the spirit of dub's ROLE_PERMISSIONS); record-aware rules are in `can()`.
 */
export type GlobalAction =
  | "create_article"
  | "upload_media"
  | "view_review_queue"
  | "view_all_stories"
  | "view_budget"
  | "view_all_pitches"
  | "decide_pitch"
  | "assign"
  | "plan_issues"
  | "manage_masthead"
  | "manage_staff"
  | "approve_pen_name"
  | "grant_admin"
  | "reset_second_factor"
  | "manage_settings"
  | "view_audit_log";

const STAFF: readonly Role[] = ROLES;
const REVIEWERS: readonly Role[] = ["EDITOR", "ADVISER", "ADMIN"];
const FACULTY: readonly Role[] = ["ADVISER", "ADMIN"];

export const ROLE_PERMISSIONS: Record<GlobalAction, readonly Role[]> = {
  // Every staff member reports and photographs; the library is shared by the whole newsroom.
  create_article: STAFF,
  upload_media: STAFF,
  // Reviewing and planning the paper is the editors' job, with faculty.
  view_review_queue: REVIEWERS,
  // The newsroom-wide story list (each row still only what `view` allows the reader).
  view_all_stories: REVIEWERS,
  view_budget: REVIEWERS,
  view_all_pitches: REVIEWERS,
  decide_pitch: REVIEWERS,
  assign: REVIEWERS,
  plan_issues: REVIEWERS,
  // A volume's staff list is part of planning the year: student editors keep it with faculty.
  manage_masthead: REVIEWERS,
  // Accounts, names in public, settings and the audit trail answer to the school.
  manage_staff: FACULTY,
  approve_pen_name: FACULTY,
  manage_settings: FACULTY,
  view_audit_log: FACULTY,
  // Only an administrator makes (or changes) an administrator.
  grant_admin: ["ADMIN"],
  // The school's IT administrator clears a lost authenticator, after checking who is asking.
  reset_second_factor: ["ADMIN"],
};

/** A photo in the media library, for `edit_media`. */
export type MediaFacts = { uploadedById: string | null };
/** A staff account someone wants to change (role, active flag, password reset). */
export type AccountFacts = { userId: string; role: Role };
/** A pitch, for `view_pitch`. */
export type PitchFacts = { pitchedById: string };
export type MediaAction = "edit_media";
export type AccountAction = "manage_account";
export type PitchAction = "view_pitch";

export const ARTICLE_ACTIONS: readonly ArticleAction[] = [
  "view",
  "edit",
  "comment",
  "resolve_coaching",
  "resolve_required",
  "restore_revision",
  "pin",
  "correct",
  "place_in_issue",
  "decide_takedown",
  "suggest",
  "decide_suggestion",
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
];
export const GLOBAL_ACTIONS = Object.keys(ROLE_PERMISSIONS) as readonly GlobalAction[];

/** True when the actor wrote the story: a byline on it, or its creator. */
export function isOwn(actor: Actor, article: ArticleFacts): boolean {
  return article.createdById === actor.userId || article.authorPersonIds.includes(actor.personId);
}

function isFaculty(role: Role): boolean {
  return FACULTY.includes(role);
}

/** Editors, advisers and administrators: they review stories and plan the paper. */
export function isReviewer(role: Role): boolean {
  return REVIEWERS.includes(role);
}

/** Editors may publish only under the student-editor policy; faculty always may. */
export function mayPublish(actor: Actor): boolean {
  return isFaculty(actor.role) || (actor.role === "EDITOR" && actor.reviewPolicy === "STUDENT_EDITORS_PUBLISH");
}

function canView(actor: Actor, article: ArticleFacts): boolean {
  if (isOwn(actor, article) || isFaculty(actor.role)) return true;
  if (actor.role === "EDITOR") return !isUnsubmittedDraft(article.status) || article.assignedById === actor.userId;
  // Writers see other people's work only once it is public.
  return isPublic(article.status);
}

/**
 * The scheduler acts as the system: it sees scheduled stories and may only make the publication
 * that someone with the right to publish already scheduled (the use case checks it is due).
 */
export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: "system", personId: "system", role: "WRITER", reviewPolicy: "ADVISER_APPROVES", system: true });

export function can(actor: Actor, action: GlobalAction): boolean;
export function can(actor: Actor, action: ArticleAction, article: ArticleFacts): boolean;
export function can(actor: Actor, action: MediaAction, media: MediaFacts): boolean;
export function can(actor: Actor, action: AccountAction, account: AccountFacts): boolean;
export function can(actor: Actor, action: PitchAction, pitch: PitchFacts): boolean;
export function can(
  actor: Actor,
  action: ArticleAction | GlobalAction | MediaAction | AccountAction | PitchAction,
  record?: ArticleFacts | MediaFacts | AccountFacts | PitchFacts,
): boolean {
  if (actor.system) return (action === "publish" || action === "view") && record !== undefined && "status" in record && isScheduled(record.status);
  if (action in ROLE_PERMISSIONS) return ROLE_PERMISSIONS[action as GlobalAction].includes(actor.role);
  switch (action) {
    case "edit_media":
      // Any staff member may use any image; its words belong to the uploader and the editors.
      return isReviewer(actor.role) || (record as MediaFacts).uploadedById === actor.userId;
    case "manage_account": {
      const account = record as AccountFacts;
      // Nobody changes their own role or deactivates themselves; an admin account is an admin's.
      if (account.userId === actor.userId || !isFaculty(actor.role)) return false;
      return account.role !== "ADMIN" || actor.role === "ADMIN";
    }
    case "view_pitch":
      return isReviewer(actor.role) || (record as PitchFacts).pitchedById === actor.userId;
  }
  const article = record as ArticleFacts | undefined;
  if (!article || !canView(actor, article)) return false;
  const own = isOwn(actor, article);
  switch (action) {
    case "view":
    case "comment":
      return true;
    case "resolve_coaching":
    // A suggested edit is accepted or rejected by the story's writers or any reviewer.
    case "decide_suggestion":
      return own || isReviewer(actor.role);
    case "pin":
    case "correct":
    case "place_in_issue":
      // Arranging the front page, appending corrections and planning issues are editorial calls.
      return isReviewer(actor.role);
    case "decide_takedown":
      // Taking a story down (or anonymizing it) answers to the principal: faculty decide.
      return isFaculty(actor.role);
    case "resolve_required":
      // A writer cannot wave away a required change on their own story; a reviewer can.
      if (isFaculty(actor.role)) return true;
      return actor.role === "EDITOR" && !own;
    case "suggest":
      // A suggestion proposes, it does not change what readers see: a story's writers suggest at
      // every stage (in review, approved, live: into the working copy), as comments go; reviewers
      // wherever they may edit. An assigning editor still leaves a draft's words to its writers.
      if (own) return true;
      if (isUnsubmittedDraft(article.status) && actor.role === "EDITOR") return false;
      return isReviewer(actor.role);
    case "edit":
    case "restore_revision":
      // Authors revise their own drafts; once in review or later, only reviewers make copy edits.
      if (own && isWithWriters(article.status)) return true;
      // A student editor following an assigned draft leaves the writing to its writers.
      if (isUnsubmittedDraft(article.status) && actor.role === "EDITOR") return false;
      return isReviewer(actor.role);
    case "submit":
    case "withdraw":
      return own;
    case "request_changes":
    case "approve":
      // A student editor never reviews their own story; faculty may.
      if (isFaculty(actor.role)) return true;
      return actor.role === "EDITOR" && !own;
    case "publish":
    case "unpublish":
    case "republish":
    // A live story's working copy goes out (or is thrown away) on the word of whoever may publish.
    case "publish_changes":
    case "discard_changes":
      return mayPublish(actor);
    case "request_publish_changes":
      // Someone who copy-edits live stories but may not publish them asks those who may.
      return isReviewer(actor.role) && !mayPublish(actor);
  }
  return false;
}

/**
 * Whether a staff member may turn off their own second factor: not while the publication
 * requires one for their role (an admin can still reset a lost one).
 */
export function mayTurnOffOwnSecondFactor(role: Role, policy: TwoFactorPolicy): boolean {
  return !secondFactorRequired(role, policy);
}
