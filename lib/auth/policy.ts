/**
 * Who may do what. PURE: no Prisma, no Next, no I/O. Every server action and API handler asks
 * `can(actor, action, article)` on the specific record; the UI only reflects the answer.
 *
 * Invariants:
 * - `view` is the floor: no other article action is allowed on a story the actor cannot view,
 *   and a story one cannot view is reported as 404, never 403.
 * - Role and review policy come from the database on every request, never from a session token.
 */
import type { ArticleStatus, TransitionAction } from "@/lib/domain/workflow";

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

export type ArticleAction = "view" | "edit" | "comment" | "resolve_coaching" | "resolve_required" | "restore_revision" | "pin" | "correct" | "decide_takedown" | TransitionAction;
export type GlobalAction = "create_article" | "manage_staff" | "manage_settings" | "view_review_queue" | "view_audit_log" | "manage_masthead" | "upload_media";
export const ARTICLE_ACTIONS: readonly ArticleAction[] = [
  "view",
  "edit",
  "comment",
  "resolve_coaching",
  "resolve_required",
  "restore_revision",
  "pin",
  "correct",
  "decide_takedown",
  "submit",
  "withdraw",
  "request_changes",
  "approve",
  "publish",
  "unpublish",
  "republish",
];
export const GLOBAL_ACTIONS: readonly GlobalAction[] = ["create_article", "manage_staff", "manage_settings", "view_review_queue", "view_audit_log", "manage_masthead", "upload_media"];

/** True when the actor wrote the story: a byline on it, or its creator. */
export function isOwn(actor: Actor, article: ArticleFacts): boolean {
  return article.createdById === actor.userId || article.authorPersonIds.includes(actor.personId);
}

function isFaculty(role: Role): boolean {
  return role === "ADVISER" || role === "ADMIN";
}

function isReviewer(role: Role): boolean {
  return role === "EDITOR" || isFaculty(role);
}

/** Editors may publish only under the student-editor policy; faculty always may. */
export function mayPublish(actor: Actor): boolean {
  return isFaculty(actor.role) || (actor.role === "EDITOR" && actor.reviewPolicy === "STUDENT_EDITORS_PUBLISH");
}

function canView(actor: Actor, article: ArticleFacts): boolean {
  if (isOwn(actor, article) || isFaculty(actor.role)) return true;
  if (actor.role === "EDITOR") return article.status !== "DRAFT" || article.assignedById === actor.userId;
  // Writers see other people's work only once it is public.
  return article.status === "PUBLISHED";
}

export function can(actor: Actor, action: GlobalAction): boolean;
export function can(actor: Actor, action: ArticleAction, article: ArticleFacts): boolean;
export function can(actor: Actor, action: ArticleAction | GlobalAction, article?: ArticleFacts): boolean {
  switch (action) {
    case "create_article":
    case "upload_media":
      // Every staff member reports and photographs; the library is shared by the whole newsroom.
      return true;
    case "view_review_queue":
      return isReviewer(actor.role);
    case "manage_masthead":
      // A volume's staff list is part of planning the year: student editors keep it with faculty.
      return isReviewer(actor.role);
    case "manage_staff":
    case "manage_settings":
    case "view_audit_log":
      return isFaculty(actor.role);
  }
  if (!article || !canView(actor, article)) return false;
  const own = isOwn(actor, article);
  switch (action) {
    case "view":
    case "comment":
      return true;
    case "resolve_coaching":
      return own || isReviewer(actor.role);
    case "pin":
    case "correct":
      // Arranging the front page and appending corrections are editorial calls.
      return isReviewer(actor.role);
    case "decide_takedown":
      // Taking a story down (or anonymizing it) answers to the principal: faculty decide.
      return isFaculty(actor.role);
    case "resolve_required":
      // A writer cannot wave away a required change on their own story; a reviewer can.
      if (isFaculty(actor.role)) return true;
      return actor.role === "EDITOR" && !own;
    case "edit":
    case "restore_revision":
      // Authors revise their own drafts; once in review or later, only reviewers make copy edits.
      if (own && (article.status === "DRAFT" || article.status === "CHANGES_REQUESTED")) return true;
      // A student editor following an assigned draft leaves the writing to its writers.
      if (article.status === "DRAFT" && actor.role === "EDITOR") return false;
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
      return mayPublish(actor);
  }
}
