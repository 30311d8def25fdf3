import { describe, expect, it } from "vitest";
import {
  ARTICLE_STATUSES,
  type ArticleStatus,
  applyTransition,
  availableTransitions,
  foldsWorkingCopy,
  isWorkingCopyAction,
  keepsLiveText,
  REVISION_EVENTS,
  WORKING_COPY_ACTIONS,
  hasChangesRequested,
  isAfterPublication,
  isDue,
  isPublic,
  takesCorrections,
  TRANSITIONS,
  type TransitionAction,
} from "./workflow";

const NOW = new Date("2026-11-24T12:00:00Z");
const HOUR = 60 * 60 * 1000;

// The whole state machine, written out by hand: row = current status, column = action,
// cell = where it leads (publish without a future publishAt), or __ when it does not exist.
const __ = null;
// The last three columns are the working-copy actions (publish_changes, discard_changes,
// request_publish_changes): cells where they exist, given pending changes (see below).
const COLUMNS = ["submit", "withdraw", "request_changes", "approve", "publish", "unpublish", "republish", "publish_changes", "discard_changes", "request_publish_changes"] as const;
const TABLE: Record<ArticleStatus, readonly (ArticleStatus | null)[]> = {
  //                   submit       withdraw  request_changes      approve     publish      unpublish      republish    pub_changes  discard      ask
  DRAFT:             ["SUBMITTED", __,       __,                  __,         __,          __,            __,          __,          __,          __],
  SUBMITTED:         [__,          "DRAFT",  "CHANGES_REQUESTED", "APPROVED", __,          __,            __,          __,          __,          __],
  CHANGES_REQUESTED: ["SUBMITTED", __,       __,                  __,         __,          __,            __,          __,          __,          __],
  APPROVED:          [__,          __,       "CHANGES_REQUESTED", __,         "PUBLISHED", __,            __,          __,          __,          __],
  SCHEDULED:         [__,          __,       __,                  __,         "PUBLISHED", "APPROVED",    __,          "SCHEDULED", "SCHEDULED", "SCHEDULED"],
  PUBLISHED:         [__,          __,       __,                  __,         __,          "UNPUBLISHED", __,          "PUBLISHED", "PUBLISHED", "PUBLISHED"],
  UNPUBLISHED:       [__,          __,       __,                  __,         __,          __,            "PUBLISHED", __,          __,          __],
};

/** The working-copy actions, written independently of WORKING_COPY_ACTIONS. */
const WORKING_COPY: readonly TransitionAction[] = ["publish_changes", "discard_changes", "request_publish_changes"];

/** Actions that must carry a note (written independently of NOTE_REQUIRED). */
const NEEDS_NOTE: readonly TransitionAction[] = ["request_changes", "unpublish"];

function expectedTarget(status: ArticleStatus, action: TransitionAction): ArticleStatus | null {
  return TABLE[status][COLUMNS.indexOf(action)] ?? null;
}

const cells = ARTICLE_STATUSES.flatMap((status) => TRANSITIONS.map((action) => ({ status, action, to: expectedTarget(status, action) })));
const legal = cells.filter((c) => c.to !== null);
const illegal = cells.filter((c) => c.to === null);

describe("the transition table", () => {
  it("covers exactly the statuses and actions the module declares", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ARTICLE_STATUSES].sort());
    expect([...COLUMNS].sort()).toEqual([...TRANSITIONS].sort());
    expect(cells).toHaveLength(7 * 10);
    expect(legal).toHaveLength(17);
  });

  it.each(legal)("$status --$action--> $to", ({ status, action, to }) => {
    const result = applyTransition({ status, action, note: "Because the editor said so.", pendingChanges: true, now: NOW });
    // A working-copy action leaves the status alone; only a move into PUBLISHED publishes.
    expect(result).toEqual({ ok: true, from: status, to, publishAt: null, publishedNow: to === "PUBLISHED" && !WORKING_COPY.includes(action) });
  });

  it.each(illegal)("$status --$action--> INVALID_TRANSITION", ({ status, action }) => {
    const result = applyTransition({ status, action, note: "Because the editor said so.", pendingChanges: true, now: NOW });
    expect(result).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    expect(result.ok === false && result.message.length).toBeGreaterThan(0);
  });

  it.each(illegal)("$status --$action--> INVALID_TRANSITION even without a note or with a publish time", ({ status, action }) => {
    expect(applyTransition({ status, action, now: NOW })).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    expect(applyTransition({ status, action, publishAt: new Date(NOW.getTime() + HOUR), now: NOW })).toMatchObject({
      ok: false,
      code: "INVALID_TRANSITION",
    });
  });
});

describe("publish and publishAt", () => {
  const publishable = legal.filter((c) => c.action === "publish").map((c) => c.status);

  it("can publish from APPROVED and SCHEDULED only", () => {
    expect(publishable.sort()).toEqual(["APPROVED", "SCHEDULED"]);
  });

  it.each(publishable)("from %s, a future publishAt schedules instead of publishing", (status) => {
    const publishAt = new Date(NOW.getTime() + 24 * HOUR);
    expect(applyTransition({ status, action: "publish", publishAt, now: NOW })).toEqual({
      ok: true,
      from: status,
      to: "SCHEDULED",
      publishAt,
      publishedNow: false,
    });
  });

  it.each(publishable)("from %s, a publishAt one millisecond ahead still schedules", (status) => {
    const publishAt = new Date(NOW.getTime() + 1);
    expect(applyTransition({ status, action: "publish", publishAt, now: NOW })).toMatchObject({ ok: true, to: "SCHEDULED" });
  });

  // The same rule for the form and the API: a publish time names the future, or it is refused.
  it.each(publishable)("from %s, a publishAt equal to now is refused", (status) => {
    expect(applyTransition({ status, action: "publish", publishAt: new Date(NOW), now: NOW })).toMatchObject({ ok: false, code: "INVALID_PUBLISH_AT" });
  });

  it.each(publishable)("from %s, a past publishAt is refused", (status) => {
    const publishAt = new Date(NOW.getTime() - 3 * HOUR);
    expect(applyTransition({ status, action: "publish", publishAt, now: NOW })).toMatchObject({ ok: false, code: "INVALID_PUBLISH_AT" });
  });

  it.each(publishable)("from %s, a null publishAt publishes at once", (status) => {
    expect(applyTransition({ status, action: "publish", publishAt: null, now: NOW })).toMatchObject({ ok: true, to: "PUBLISHED", publishedNow: true });
  });

  const nonPublish = legal.filter((c) => c.action !== "publish");
  it.each(nonPublish)("$status --$action-- rejects any publishAt", ({ status, action }) => {
    for (const publishAt of [new Date(NOW.getTime() + HOUR), new Date(NOW.getTime() - HOUR)]) {
      const result = applyTransition({ status, action, note: "A reason.", publishAt, pendingChanges: true, now: NOW });
      expect(result).toMatchObject({ ok: false, code: "INVALID_PUBLISH_AT" });
    }
  });
});

describe("notes", () => {
  const missing = [undefined, null, "", "   ", "\n\t  \n"];
  const needsNote = legal.filter((c) => NEEDS_NOTE.includes(c.action));
  const noteOptional = legal.filter((c) => !NEEDS_NOTE.includes(c.action));

  it("request_changes and unpublish are the actions that need a note", () => {
    expect(needsNote.map((c) => `${c.status}:${c.action}`).sort()).toEqual([
      "APPROVED:request_changes",
      "PUBLISHED:unpublish",
      "SCHEDULED:unpublish",
      "SUBMITTED:request_changes",
    ]);
  });

  it.each(needsNote)("$status --$action-- without a real note is NOTE_REQUIRED", ({ status, action }) => {
    for (const note of missing) {
      const result = applyTransition({ status, action, note, pendingChanges: true, now: NOW });
      expect(result, JSON.stringify(note)).toMatchObject({ ok: false, code: "NOTE_REQUIRED" });
    }
  });

  it.each(needsNote)("$status --$action-- with a note surrounded by whitespace succeeds", ({ status, action, to }) => {
    expect(applyTransition({ status, action, note: "  Fix the lede.  ", pendingChanges: true, now: NOW })).toMatchObject({ ok: true, to });
  });

  it.each(noteOptional)("$status --$action-- needs no note", ({ status, action, to }) => {
    for (const note of missing) {
      expect(applyTransition({ status, action, note, pendingChanges: true, now: NOW })).toMatchObject({ ok: true, to });
    }
  });
});

describe("open required changes", () => {
  it("block approval while any are open", () => {
    for (const openRequiredChanges of [1, 2, 7]) {
      expect(applyTransition({ status: "SUBMITTED", action: "approve", openRequiredChanges, now: NOW })).toMatchObject({ ok: false, code: "REQUIRED_CHANGES_OPEN" });
    }
  });

  it("do not block approval once none are open", () => {
    expect(applyTransition({ status: "SUBMITTED", action: "approve", openRequiredChanges: 0, now: NOW })).toMatchObject({ ok: true, to: "APPROVED" });
  });

  it.each(legal.filter((c) => c.action !== "approve"))("do not block $status --$action--", ({ status, action, to }) => {
    expect(applyTransition({ status, action, note: "A reason.", openRequiredChanges: 3, pendingChanges: true, now: NOW })).toMatchObject({ ok: true, to });
  });

  it.each(illegal.filter((c) => c.action === "approve"))("do not hide that approve is impossible from $status", ({ status }) => {
    expect(applyTransition({ status, action: "approve", openRequiredChanges: 3, now: NOW })).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
  });
});

describe("open suggestions", () => {
  const asking = legal.filter((c) => c.action === "approve" || c.action === "publish" || c.action === "republish" || c.action === "publish_changes");

  it.each(asking)("ask before $status --$action-- while any are open", ({ status, action }) => {
    for (const openSuggestions of [1, 4]) {
      const result = applyTransition({ status, action, openSuggestions, pendingChanges: true, now: NOW });
      expect(result).toMatchObject({ ok: false, code: "SUGGESTIONS_OPEN" });
      const verb = { approve: "Approve", publish: "Publish", republish: "Republish", publish_changes: "Publish these changes" }[action as string];
      expect(result.ok === false && result.message).toBe(`${openSuggestions === 1 ? "1 suggestion is" : "4 suggestions are"} still open. ${verb} anyway?`);
    }
  });

  it.each(asking)("let $status --$action-- through once confirmed, or with none open", ({ status, action, to }) => {
    expect(applyTransition({ status, action, openSuggestions: 2, confirmOpenSuggestions: true, pendingChanges: true, now: NOW })).toMatchObject({ ok: true, to });
    expect(applyTransition({ status, action, openSuggestions: 0, pendingChanges: true, now: NOW })).toMatchObject({ ok: true, to });
  });

  it.each(legal.filter((c) => !asking.includes(c)))("do not hold up $status --$action--", ({ status, action, to }) => {
    expect(applyTransition({ status, action, note: "A reason.", openSuggestions: 3, pendingChanges: true, now: NOW })).toMatchObject({ ok: true, to });
  });
});

describe("isDue", () => {
  const past = new Date(NOW.getTime() - 1);
  const future = new Date(NOW.getTime() + 1);

  it("is true for a SCHEDULED story whose time has come", () => {
    expect(isDue({ status: "SCHEDULED", publishAt: past }, NOW)).toBe(true);
    expect(isDue({ status: "SCHEDULED", publishAt: new Date(NOW) }, NOW)).toBe(true);
  });

  it("is false for a SCHEDULED story whose time is still ahead, or that has no time", () => {
    expect(isDue({ status: "SCHEDULED", publishAt: future }, NOW)).toBe(false);
    expect(isDue({ status: "SCHEDULED", publishAt: null }, NOW)).toBe(false);
  });

  it.each(ARTICLE_STATUSES.filter((s) => s !== "SCHEDULED"))("is false for a %s story even with a past publishAt", (status) => {
    expect(isDue({ status, publishAt: past }, NOW)).toBe(false);
  });
});

describe("availableTransitions", () => {
  const EXPECTED: Record<ArticleStatus, TransitionAction[]> = {
    DRAFT: ["submit"],
    SUBMITTED: ["withdraw", "request_changes", "approve"],
    CHANGES_REQUESTED: ["submit"],
    APPROVED: ["request_changes", "publish"],
    SCHEDULED: ["publish", "unpublish"],
    PUBLISHED: ["unpublish"],
    UNPUBLISHED: ["republish"],
  };

  it.each(ARTICLE_STATUSES)("from %s", (status) => {
    expect(availableTransitions(status).sort()).toEqual([...EXPECTED[status]].sort());
  });

  it.each(ARTICLE_STATUSES)("from %s agrees with applyTransition", (status) => {
    const accepted = TRANSITIONS.filter((action) => applyTransition({ status, action, note: "A reason.", now: NOW }).ok);
    expect(availableTransitions(status).sort()).toEqual(accepted.sort());
  });

  it.each(ARTICLE_STATUSES)("from %s with pending changes adds the working-copy actions where they exist, and agrees with applyTransition", (status) => {
    const live = status === "PUBLISHED" || status === "SCHEDULED";
    expect(availableTransitions(status, { pendingChanges: true }).sort()).toEqual([...EXPECTED[status], ...(live ? WORKING_COPY : [])].sort());
    const accepted = TRANSITIONS.filter((action) => applyTransition({ status, action, note: "A reason.", pendingChanges: true, now: NOW }).ok);
    expect(availableTransitions(status, { pendingChanges: true }).sort()).toEqual(accepted.sort());
  });
});

describe("the working-copy rules", () => {
  it.each(["PUBLISHED", "SCHEDULED"] as const)("a %s story's working-copy actions need pending changes, and leave the status alone", (status) => {
    for (const action of WORKING_COPY) {
      expect(applyTransition({ status, action, now: NOW }), action).toMatchObject({ ok: false, code: "NO_PENDING_CHANGES" });
      expect(applyTransition({ status, action, pendingChanges: false, now: NOW }), action).toMatchObject({ ok: false, code: "NO_PENDING_CHANGES" });
      expect(applyTransition({ status, action, pendingChanges: true, now: NOW }), action).toEqual({ ok: true, from: status, to: status, publishAt: null, publishedNow: false });
    }
  });

  it("pending changes never make a working-copy action exist outside the live statuses", () => {
    for (const status of ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "UNPUBLISHED"] as const) {
      for (const action of WORKING_COPY) expect(applyTransition({ status, action, pendingChanges: true, now: NOW }), `${status} ${action}`).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    }
  });

  it("a working-copy action carries no publish time", () => {
    expect(applyTransition({ status: "PUBLISHED", action: "publish_changes", pendingChanges: true, publishAt: new Date(NOW.getTime() + HOUR), now: NOW })).toMatchObject({ ok: false, code: "INVALID_PUBLISH_AT" });
  });

  it("PUBLISHED and SCHEDULED keep their live text; the others have one text", () => {
    expect(ARTICLE_STATUSES.filter(keepsLiveText).sort()).toEqual(["PUBLISHED", "SCHEDULED"]);
    expect(WORKING_COPY_ACTIONS.slice().sort()).toEqual([...WORKING_COPY].sort());
    for (const action of TRANSITIONS) expect(isWorkingCopyAction(action), action).toBe(WORKING_COPY.includes(action));
  });

  it("the working copy is folded into the text exactly when a move leaves the live statuses", () => {
    const folds = legal.filter(({ status, to }) => foldsWorkingCopy(status, to!)).map(({ status, action }) => `${status} ${action}`);
    expect(folds.sort()).toEqual(["PUBLISHED unpublish", "SCHEDULED unpublish"]);
  });

  it("publishing changes marks a revision; discarding and asking do not", () => {
    expect(REVISION_EVENTS.has("publish_changes")).toBe(true);
    expect(REVISION_EVENTS.has("discard_changes")).toBe(false);
    expect(REVISION_EVENTS.has("request_publish_changes")).toBe(false);
  });
});

describe("isPublic", () => {
  it.each(ARTICLE_STATUSES)("%s", (status) => {
    expect(isPublic(status)).toBe(status === "PUBLISHED");
  });
});

describe("takesCorrections", () => {
  it.each(ARTICLE_STATUSES)("%s", (status) => {
    expect(takesCorrections(status)).toBe(status === "PUBLISHED" || status === "UNPUBLISHED");
  });
});

describe("hasChangesRequested", () => {
  it.each(ARTICLE_STATUSES)("%s", (status) => {
    expect(hasChangesRequested(status)).toBe(status === "CHANGES_REQUESTED");
  });
});

describe("isAfterPublication", () => {
  // Only publish and republish lead to PUBLISHED, and nothing leads back from PUBLISHED or
  // UNPUBLISHED to a status before publication: once true, it stays true.
  it.each(ARTICLE_STATUSES)("%s", (status) => {
    expect(isAfterPublication(status)).toBe(status === "PUBLISHED" || status === "UNPUBLISHED");
  });

  it("stays true along every transition", () => {
    for (const { status, to } of legal) if (isAfterPublication(status)) expect(isAfterPublication(to!), `${status} -> ${to}`).toBe(true);
  });
});
