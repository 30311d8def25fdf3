import { describe, expect, it } from "vitest";
import { ARTICLE_STATUSES, type ArticleStatus } from "@/lib/domain/workflow";
import {
  type Actor,
  ARTICLE_ACTIONS,
  type ArticleAction,
  type ArticleFacts,
  can,
  GLOBAL_ACTIONS,
  type GlobalAction,
  isOwn,
  mayPublish,
  REVIEW_POLICIES,
  type ReviewPolicy,
  type Role,
  ROLES,
  SYSTEM_ACTOR,
} from "./policy";

// ---------------------------------------------------------------------------------------------
// The permission spec, written out independently of policy.ts.
// ---------------------------------------------------------------------------------------------

const ALL_ROLES: readonly Role[] = ["WRITER", "EDITOR", "ADVISER", "ADMIN"];
const ALL_POLICIES: readonly ReviewPolicy[] = ["ADVISER_APPROVES", "STUDENT_EDITORS_PUBLISH"];
const ALL_ACTIONS: readonly ArticleAction[] = [
  "view",
  "comment",
  "resolve_coaching",
  "resolve_required",
  "edit",
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

const GLOBAL_TABLE: Record<GlobalAction, Record<Role, boolean>> = {
  //                  WRITER        EDITOR        ADVISER      ADMIN
  create_article:    { WRITER: true,  EDITOR: true,  ADVISER: true, ADMIN: true },
  upload_media:      { WRITER: true,  EDITOR: true,  ADVISER: true, ADMIN: true },
  view_review_queue: { WRITER: false, EDITOR: true,  ADVISER: true, ADMIN: true },
  view_all_stories:  { WRITER: false, EDITOR: true,  ADVISER: true, ADMIN: true },
  view_budget:       { WRITER: false, EDITOR: true,  ADVISER: true, ADMIN: true },
  view_all_pitches:  { WRITER: false, EDITOR: true,  ADVISER: true, ADMIN: true },
  decide_pitch:      { WRITER: false, EDITOR: true,  ADVISER: true, ADMIN: true },
  assign:            { WRITER: false, EDITOR: true,  ADVISER: true, ADMIN: true },
  plan_issues:       { WRITER: false, EDITOR: true,  ADVISER: true, ADMIN: true },
  manage_masthead:   { WRITER: false, EDITOR: true,  ADVISER: true, ADMIN: true },
  manage_staff:      { WRITER: false, EDITOR: false, ADVISER: true, ADMIN: true },
  approve_pen_name:  { WRITER: false, EDITOR: false, ADVISER: true, ADMIN: true },
  manage_settings:   { WRITER: false, EDITOR: false, ADVISER: true, ADMIN: true },
  view_audit_log:    { WRITER: false, EDITOR: false, ADVISER: true, ADMIN: true },
  grant_admin:       { WRITER: false, EDITOR: false, ADVISER: false, ADMIN: true },
  reset_second_factor: { WRITER: false, EDITOR: false, ADVISER: false, ADMIN: true },
};

/** Whose story it is, from the actor's side: they created it, they are on its byline, or neither. */
type Ownership = "creator" | "co-author" | "other";
const OWNERSHIPS: readonly Ownership[] = ["creator", "co-author", "other"];

/**
 * Who may view a story. Own stories (creator or byline) are always visible; this table covers
 * everyone else's.
 */
const VIEW_OTHERS: Record<Role, (status: ArticleStatus) => boolean> = {
  WRITER: (status) => status === "PUBLISHED",
  EDITOR: (status) => status !== "DRAFT",
  ADVISER: () => true,
  ADMIN: () => true,
};

/**
 * Rules for every article action other than view, given that the actor can view the story.
 *   always          allowed
 *   never           refused
 *   own             only on their own story
 *   others          only on someone else's story
 *   own-revisable   only on their own story in DRAFT or CHANGES_REQUESTED
 *   student-publish only when the review policy is STUDENT_EDITORS_PUBLISH
 *   student-asks    only when the review policy is ADVISER_APPROVES (may edit, may not publish)
 */
type Rule = "always" | "never" | "own" | "others" | "own-revisable" | "student-publish" | "student-asks";
const RULES: Record<Exclude<ArticleAction, "view">, Record<Role, Rule>> = {
  //                 WRITER                    EDITOR                     ADVISER             ADMIN
  comment:         { WRITER: "always",        EDITOR: "always",          ADVISER: "always", ADMIN: "always" },
  // Comment resolution and restore came after the spec: coaching notes may be closed by the
  // author or any reviewer, required changes only by a reviewer other than a student author
  // (like approve), and restoring a revision is an edit.
  resolve_coaching: { WRITER: "own",          EDITOR: "always",          ADVISER: "always", ADMIN: "always" },
  resolve_required: { WRITER: "never",        EDITOR: "others",          ADVISER: "always", ADMIN: "always" },
  edit:            { WRITER: "own-revisable", EDITOR: "always",          ADVISER: "always", ADMIN: "always" },
  restore_revision: { WRITER: "own-revisable", EDITOR: "always",         ADVISER: "always", ADMIN: "always" },
  pin:             { WRITER: "never",         EDITOR: "always",          ADVISER: "always", ADMIN: "always" },
  correct:         { WRITER: "never",         EDITOR: "always",          ADVISER: "always", ADMIN: "always" },
  place_in_issue:  { WRITER: "never",         EDITOR: "always",          ADVISER: "always", ADMIN: "always" },
  decide_takedown: { WRITER: "never",         EDITOR: "never",           ADVISER: "always", ADMIN: "always" },
  // Suggestion mode: the story's writers suggest at every stage (in review too, where they may
  // no longer edit), reviewers wherever they may see it (the assigning editor's draft aside, below);
  // the writers or any reviewer decide.
  suggest:         { WRITER: "own",           EDITOR: "always",          ADVISER: "always", ADMIN: "always" },
  decide_suggestion: { WRITER: "own",         EDITOR: "always",          ADVISER: "always", ADMIN: "always" },
  submit:          { WRITER: "own",           EDITOR: "own",             ADVISER: "own",    ADMIN: "own" },
  withdraw:        { WRITER: "own",           EDITOR: "own",             ADVISER: "own",    ADMIN: "own" },
  request_changes: { WRITER: "never",         EDITOR: "others",          ADVISER: "always", ADMIN: "always" },
  approve:         { WRITER: "never",         EDITOR: "others",          ADVISER: "always", ADMIN: "always" },
  publish:         { WRITER: "never",         EDITOR: "student-publish", ADVISER: "always", ADMIN: "always" },
  unpublish:       { WRITER: "never",         EDITOR: "student-publish", ADVISER: "always", ADMIN: "always" },
  republish:       { WRITER: "never",         EDITOR: "student-publish", ADVISER: "always", ADMIN: "always" },
  // A live story's working copy (issue 11): published or dropped by whoever may publish; the
  // others who edit it ask them.
  publish_changes: { WRITER: "never",         EDITOR: "student-publish", ADVISER: "always", ADMIN: "always" },
  discard_changes: { WRITER: "never",         EDITOR: "student-publish", ADVISER: "always", ADMIN: "always" },
  request_publish_changes: { WRITER: "never", EDITOR: "student-asks",    ADVISER: "never",  ADMIN: "never" },
};

function expected(role: Role, action: ArticleAction, ownership: Ownership, status: ArticleStatus, policy: ReviewPolicy): boolean {
  const own = ownership !== "other";
  const canView = own || VIEW_OTHERS[role](status);
  // view is the floor: nothing else is allowed on a story the actor cannot see.
  if (!canView) return false;
  if (action === "view") return true;
  switch (RULES[action][role]) {
    case "always":
      return true;
    case "never":
      return false;
    case "own":
      return own;
    case "others":
      return !own;
    case "own-revisable":
      return own && (status === "DRAFT" || status === "CHANGES_REQUESTED");
    case "student-publish":
      return policy === "STUDENT_EDITORS_PUBLISH";
    case "student-asks":
      return policy === "ADVISER_APPROVES";
  }
}

// ---------------------------------------------------------------------------------------------

const ACTOR_USER = "user_actor";
const ACTOR_PERSON = "person_actor";
const OTHER_USER = "user_other";
const OTHER_PERSON = "person_other";
const THIRD_PERSON = "person_third";

function actor(role: Role, reviewPolicy: ReviewPolicy): Actor {
  return { userId: ACTOR_USER, personId: ACTOR_PERSON, role, reviewPolicy };
}

function story(ownership: Ownership, status: ArticleStatus): ArticleFacts {
  switch (ownership) {
    case "creator":
      // Created it but took themselves off the byline: still theirs.
      return { status, createdById: ACTOR_USER, authorPersonIds: [OTHER_PERSON] };
    case "co-author":
      return { status, createdById: OTHER_USER, authorPersonIds: [OTHER_PERSON, ACTOR_PERSON] };
    case "other":
      return { status, createdById: OTHER_USER, authorPersonIds: [OTHER_PERSON, THIRD_PERSON] };
  }
}

type Matrix = Record<ArticleStatus, Record<ArticleAction, boolean>>;

function matrix(fn: (action: ArticleAction, status: ArticleStatus) => boolean): Matrix {
  return Object.fromEntries(
    ARTICLE_STATUSES.map((status) => [status, Object.fromEntries(ALL_ACTIONS.map((action) => [action, fn(action, status)]))]),
  ) as Matrix;
}

describe("the module's lists", () => {
  it("declare the roles, policies and actions this spec covers", () => {
    expect([...ROLES].sort()).toEqual([...ALL_ROLES].sort());
    expect([...REVIEW_POLICIES].sort()).toEqual([...ALL_POLICIES].sort());
    expect([...ARTICLE_ACTIONS].sort()).toEqual([...ALL_ACTIONS].sort());
    expect([...GLOBAL_ACTIONS].sort()).toEqual(Object.keys(GLOBAL_TABLE).sort());
  });
});

describe("global actions", () => {
  const cases = ALL_ROLES.flatMap((role) =>
    ALL_POLICIES.flatMap((policy) => (Object.keys(GLOBAL_TABLE) as GlobalAction[]).map((action) => ({ role, policy, action }))),
  );
  it.each(cases)("$role / $action under $policy", ({ role, policy, action }) => {
    expect(can(actor(role, policy), action)).toBe(GLOBAL_TABLE[action][role]);
  });
});

describe("article actions: role x action x status x ownership x review policy", () => {
  for (const role of ALL_ROLES) {
    describe(role, () => {
      for (const ownership of OWNERSHIPS) {
        for (const policy of ALL_POLICIES) {
          it(`on a ${ownership} story under ${policy}`, () => {
            const a = actor(role, policy);
            const actual = matrix((action, status) => can(a, action, story(ownership, status)));
            expect(actual).toEqual(matrix((action, status) => expected(role, action, ownership, status, policy)));
          });
        }
      }
    });
  }
});

describe("spot checks that make the table concrete", () => {
  const writer = actor("WRITER", "ADVISER_APPROVES");
  const editor = actor("EDITOR", "ADVISER_APPROVES");
  const studentEditor = actor("EDITOR", "STUDENT_EDITORS_PUBLISH");
  const adviser = actor("ADVISER", "ADVISER_APPROVES");

  it("a writer cannot open another writer's draft, and so cannot comment on it", () => {
    expect(can(writer, "view", story("other", "DRAFT"))).toBe(false);
    expect(can(writer, "comment", story("other", "DRAFT"))).toBe(false);
  });

  it("a writer cannot edit their own story once it is submitted", () => {
    expect(can(writer, "edit", story("creator", "SUBMITTED"))).toBe(false);
    expect(can(writer, "edit", story("co-author", "CHANGES_REQUESTED"))).toBe(true);
  });

  it("a student editor never approves their own story, even as a co-author", () => {
    expect(can(editor, "approve", story("co-author", "SUBMITTED"))).toBe(false);
    expect(can(editor, "approve", story("other", "SUBMITTED"))).toBe(true);
    expect(can(adviser, "approve", story("creator", "SUBMITTED"))).toBe(true);
  });

  it("an editor publishes only under the student-editor policy", () => {
    expect(can(editor, "publish", story("other", "APPROVED"))).toBe(false);
    expect(can(studentEditor, "publish", story("other", "APPROVED"))).toBe(true);
  });

  it("an editor cannot see someone else's draft, so cannot publish it under any policy", () => {
    expect(can(studentEditor, "publish", story("other", "DRAFT"))).toBe(false);
  });
});

describe("an assignment's assigning editor", () => {
  const assigned = (status: ArticleStatus, assignedById = ACTOR_USER): ArticleFacts => ({ ...story("other", status), assignedById });
  const editor = actor("EDITOR", "STUDENT_EDITORS_PUBLISH");

  it("follows the writer's draft (view, comment) but does not own it: no edit, submit, withdraw or restore", () => {
    expect(isOwn(editor, assigned("DRAFT"))).toBe(false);
    expect(can(editor, "view", assigned("DRAFT"))).toBe(true);
    expect(can(editor, "comment", assigned("DRAFT"))).toBe(true);
    for (const action of ["edit", "restore_revision", "suggest", "submit", "withdraw", "decide_takedown"] as const) expect(can(editor, action, assigned("DRAFT")), action).toBe(false);
  });

  it("reviews it like anyone else's story once submitted: approves, requests changes, cannot withdraw", () => {
    expect(can(editor, "approve", assigned("SUBMITTED"))).toBe(true);
    expect(can(editor, "request_changes", assigned("SUBMITTED"))).toBe(true);
    expect(can(editor, "withdraw", assigned("SUBMITTED"))).toBe(false);
    expect(can(editor, "submit", assigned("CHANGES_REQUESTED"))).toBe(false);
    // Nothing else changes for stories in review: the same answers as for any other story.
    for (const status of ARTICLE_STATUSES.filter((s) => s !== "DRAFT")) {
      for (const action of ARTICLE_ACTIONS) expect(can(editor, action, assigned(status)), `${action} ${status}`).toBe(can(editor, action, story("other", status)));
    }
  });

  it("is the only student editor who sees the draft; writers never see drafts through it", () => {
    expect(can(editor, "view", assigned("DRAFT", OTHER_USER))).toBe(false);
    expect(can(actor("WRITER", "ADVISER_APPROVES"), "view", assigned("DRAFT"))).toBe(false);
    expect(can(actor("ADVISER", "ADVISER_APPROVES"), "edit", assigned("DRAFT", OTHER_USER))).toBe(true);
  });
});

describe("invariants over every combination", () => {
  const combos = ALL_ROLES.flatMap((role) =>
    ALL_POLICIES.flatMap((policy) => OWNERSHIPS.flatMap((ownership) => ARTICLE_STATUSES.map((status) => ({ role, policy, ownership, status })))),
  );

  it("no article action is allowed on a story the actor cannot view", () => {
    const leaks = combos.flatMap(({ role, policy, ownership, status }) => {
      const a = actor(role, policy);
      const facts = story(ownership, status);
      if (can(a, "view", facts)) return [];
      return ALL_ACTIONS.filter((action) => can(a, action, facts)).map((action) => `${role} ${policy} ${ownership} ${status} ${action}`);
    });
    expect(combos.some(({ role, policy, ownership, status }) => !can(actor(role, policy), "view", story(ownership, status)))).toBe(true);
    expect(leaks).toEqual([]);
  });

  it("comment is allowed exactly when view is", () => {
    for (const { role, policy, ownership, status } of combos) {
      const facts = story(ownership, status);
      expect(can(actor(role, policy), "comment", facts)).toBe(can(actor(role, policy), "view", facts));
    }
  });
});

describe("isOwn", () => {
  const a = actor("WRITER", "ADVISER_APPROVES");
  it("is true for the creator and for anyone on the byline, false otherwise", () => {
    expect(isOwn(a, story("creator", "DRAFT"))).toBe(true);
    expect(isOwn(a, story("co-author", "DRAFT"))).toBe(true);
    expect(isOwn(a, story("other", "DRAFT"))).toBe(false);
  });

  it("does not confuse a user id with a person id", () => {
    expect(isOwn(a, { status: "DRAFT", createdById: ACTOR_PERSON, authorPersonIds: [ACTOR_USER] })).toBe(false);
  });
});

describe("mayPublish", () => {
  const cases = ALL_ROLES.flatMap((role) => ALL_POLICIES.map((policy) => ({ role, policy })));
  it.each(cases)("$role under $policy", ({ role, policy }) => {
    const expectedAnswer = role === "ADVISER" || role === "ADMIN" || (role === "EDITOR" && policy === "STUDENT_EDITORS_PUBLISH");
    expect(mayPublish(actor(role, policy))).toBe(expectedAnswer);
  });
});

describe("record-aware permissions outside stories", () => {
  // Who may change a photo's words: its uploader, and any editor, adviser or admin.
  const MEDIA: Record<Role, { own: boolean; other: boolean; orphan: boolean }> = {
    WRITER: { own: true, other: false, orphan: false },
    EDITOR: { own: true, other: true, orphan: true },
    ADVISER: { own: true, other: true, orphan: true },
    ADMIN: { own: true, other: true, orphan: true },
  };
  it.each(ALL_ROLES)("edit_media as %s", (role) => {
    const a = actor(role, "ADVISER_APPROVES");
    expect(can(a, "edit_media", { uploadedById: ACTOR_USER })).toBe(MEDIA[role].own);
    expect(can(a, "edit_media", { uploadedById: OTHER_USER })).toBe(MEDIA[role].other);
    expect(can(a, "edit_media", { uploadedById: null })).toBe(MEDIA[role].orphan);
  });

  // Changing someone's account: faculty only, never one's own, an admin's only by an admin.
  const ACCOUNT: Record<Role, Record<Role, boolean>> = {
    //         target: WRITER       EDITOR        ADVISER        ADMIN
    WRITER:  { WRITER: false, EDITOR: false, ADVISER: false, ADMIN: false },
    EDITOR:  { WRITER: false, EDITOR: false, ADVISER: false, ADMIN: false },
    ADVISER: { WRITER: true,  EDITOR: true,  ADVISER: true,  ADMIN: false },
    ADMIN:   { WRITER: true,  EDITOR: true,  ADVISER: true,  ADMIN: true },
  };
  it.each(ALL_ROLES)("manage_account as %s", (role) => {
    const a = actor(role, "ADVISER_APPROVES");
    for (const target of ALL_ROLES) {
      expect(can(a, "manage_account", { userId: OTHER_USER, role: target }), `${role} -> ${target}`).toBe(ACCOUNT[role][target]);
      expect(can(a, "manage_account", { userId: ACTOR_USER, role: target }), `${role} -> self`).toBe(false);
    }
  });

  const PITCH: Record<Role, { own: boolean; other: boolean }> = {
    WRITER: { own: true, other: false },
    EDITOR: { own: true, other: true },
    ADVISER: { own: true, other: true },
    ADMIN: { own: true, other: true },
  };
  it.each(ALL_ROLES)("view_pitch as %s", (role) => {
    const a = actor(role, "ADVISER_APPROVES");
    expect(can(a, "view_pitch", { pitchedById: ACTOR_USER })).toBe(PITCH[role].own);
    expect(can(a, "view_pitch", { pitchedById: OTHER_USER })).toBe(PITCH[role].other);
  });
});

describe("the system actor (the scheduler)", () => {
  it("may only see and publish a scheduled story, and nothing else anywhere", () => {
    for (const status of ARTICLE_STATUSES) {
      const facts = story("other", status);
      for (const action of ALL_ACTIONS) expect(can(SYSTEM_ACTOR, action, facts), `${action} ${status}`).toBe((action === "publish" || action === "view") && status === "SCHEDULED");
    }
    for (const action of GLOBAL_ACTIONS) expect(can(SYSTEM_ACTOR, action), action).toBe(false);
    expect(can(SYSTEM_ACTOR, "edit_media", { uploadedById: null })).toBe(false);
    expect(can(SYSTEM_ACTOR, "manage_account", { userId: OTHER_USER, role: "WRITER" })).toBe(false);
  });
});

describe("suggesting where editing has stopped", () => {
  const writer = actor("WRITER", "ADVISER_APPROVES");
  it("a co-author may suggest (and comment) on their story in review, approved or live, but not edit it", () => {
    for (const status of ["SUBMITTED", "APPROVED", "SCHEDULED", "PUBLISHED", "UNPUBLISHED"] as const) {
      expect(can(writer, "edit", story("co-author", status)), status).toBe(false);
      expect(can(writer, "comment", story("co-author", status)), status).toBe(true);
      expect(can(writer, "suggest", story("co-author", status)), status).toBe(true);
    }
  });
  it("a writer who may comment on someone else's published story may not suggest on it", () => {
    expect(can(writer, "comment", story("other", "PUBLISHED"))).toBe(true);
    expect(can(writer, "suggest", story("other", "PUBLISHED"))).toBe(false);
  });
});
