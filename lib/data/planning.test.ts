// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestSection, createTestUser, setReviewPolicy, type TestUser, uniq } from "@/lib/testing/db";
import { createAssignment, createPitch, decidePitch, notifyDeadlinesTomorrow, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { toLocalInput } from "@/lib/domain/time";
import { AppError, type ErrorCode } from "@/lib/errors";
import { ZAssignmentCreate, ZPitchDecision, type TAssignmentCreate } from "@/lib/validation/planning";
import { findArticleForActor, listArticlesForActor } from "./articles";
import { db } from "./db";
import { buildMonth, findPitchForActor, groupBudget, listBudget, listCalendarMonth, listMyAssignments, listPitches } from "./planning";
import { getPublication } from "./publication";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let writer: TestUser, writer2: TestUser, writer3: TestUser, photographer: TestUser, editor: TestUser, adviser: TestUser, gone: TestUser;
let asWriter: Actor, asWriter2: Actor, asPhotographer: Actor, asEditor: Actor, asAdviser: Actor;
let section: { id: string; slug: string; name: string };
let issueId: string;
let timeZone: string;

beforeAll(async () => {
  [writer, writer2, writer3, photographer, editor, adviser, gone] = await Promise.all([
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "EDITOR" }),
    createTestUser({ role: "ADVISER" }),
    createTestUser({ role: "WRITER", active: false }),
  ]);
  [asWriter, asWriter2, asPhotographer, asEditor, asAdviser] = [writer, writer2, photographer, editor, adviser].map((u) => actorFor(u));
  await setReviewPolicy("ADVISER_APPROVES");
  section = await createTestSection();
  // Volumes and issues are managed elsewhere; the planning code only reads them.
  const volume = await db.volume.create({ data: { number: 1000 + Math.floor(Math.random() * 1e6), label: `Test volume ${uniq()}`, startsOn: new Date(), endsOn: new Date(Date.now() + 300 * DAY) } });
  issueId = (await db.issue.create({ data: { volumeId: volume.id, number: 1, slug: `issue-${uniq()}`, title: "Autumn" } })).id;
  timeZone = (await getPublication()).timeZone;
});

async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** A deadline as the form sends it: wall-clock time in the publication's zone. */
function localIn(ms: number): string {
  return toLocalInput(new Date(Date.now() + ms), timeZone);
}

function pitch(actor: Actor = asWriter) {
  return createPitch({ actor, input: { title: `Pitch ${uniq()}`, angle: "Why the library closes early.", sources: "The librarian; the principal", section: section.slug } });
}

function assignment(overrides: Partial<TAssignmentCreate> = {}) {
  return ZAssignmentCreate.parse({
    headline: `Assigned story ${uniq()}`,
    writerIds: [writer.userId],
    photographerIds: [],
    section: section.id,
    deadline: localIn(3 * DAY),
    targetWords: "600",
    ...overrides,
  });
}

describe("pitches", () => {
  it("anyone on staff pitches; the pitcher and reviewers see it, other writers get 404", async () => {
    const p = await pitch();
    expect(p.status).toBe("OPEN");
    expect((await listPitches({ actor: asWriter })).map((x) => x.id)).toContain(p.id);
    expect((await listPitches({ actor: asEditor })).map((x) => x.id)).toContain(p.id);
    expect((await listPitches({ actor: asAdviser, status: "OPEN" })).map((x) => x.id)).toContain(p.id);
    expect((await listPitches({ actor: asAdviser, status: "REJECTED" })).map((x) => x.id)).not.toContain(p.id);
    expect((await listPitches({ actor: asWriter2 })).map((x) => x.id)).not.toContain(p.id);
    await expectAppError(findPitchForActor({ actor: asWriter2, id: p.id }), "NOT_FOUND");
    const seen = await findPitchForActor({ actor: asWriter, id: p.id });
    expect(seen.section?.id).toBe(section.id);
  });

  it("a writer cannot accept a pitch: their own is 403, someone else's is 404", async () => {
    const p = await pitch();
    await expectAppError(decidePitch({ actor: asWriter, input: { pitchId: p.id, decision: "accept", note: "" } }), "FORBIDDEN");
    await expectAppError(decidePitch({ actor: asWriter2, input: { pitchId: p.id, decision: "accept", note: "" } }), "NOT_FOUND");
    expect((await db.pitch.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("OPEN");
  });

  it("a rejection needs a note, in the schema and in the use case", async () => {
    const p = await pitch();
    const parsed = ZPitchDecision.safeParse({ pitchId: p.id, decision: "reject", note: "  " });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["note"]);
    const error = await expectAppError(decidePitch({ actor: asEditor, input: { pitchId: p.id, decision: "reject", note: "" } }), "VALIDATION");
    expect(error.fields?.note).toMatch(/note is required/);

    await decidePitch({ actor: asEditor, input: { pitchId: p.id, decision: "reject", note: "We covered this in October." } });
    const mine = (await listPitches({ actor: asWriter })).find((x) => x.id === p.id)!;
    expect(mine.status).toBe("REJECTED");
    expect(mine.decisionNote).toBe("We covered this in October.");
    expect(mine.decidedBy).toBe(editor.fullName);
    const told = await db.notification.findFirst({ where: { userId: writer.userId, kind: "decision", title: { contains: p.title } } });
    expect(told?.title).toMatch(/^Pitch rejected/);
    // Decided pitches stay decided.
    await expectAppError(decidePitch({ actor: asEditor, input: { pitchId: p.id, decision: "accept", note: "" } }), "INVALID_TRANSITION");
  });

  it("an editor accepts a pitch", async () => {
    const p = await pitch();
    await decidePitch({ actor: asEditor, input: { pitchId: p.id, decision: "accept", note: "" } });
    expect((await findPitchForActor({ actor: asWriter, id: p.id })).status).toBe("ACCEPTED");
  });
});

describe("assignments", () => {
  it("turns a pitch into a draft with bylines, assignees, deadline and target, and tells the assignees", async () => {
    const p = await pitch();
    const story = await createAssignment({
      actor: asEditor,
      input: assignment({ pitchId: p.id, headline: undefined, writerIds: [writer3.userId, writer.userId], photographerIds: [photographer.userId], issueId, deadline: "2099-03-01T17:30" }),
    });
    expect(story.headline).toBe(p.title); // from the pitch when the form leaves it empty
    const row = await db.article.findUniqueOrThrow({
      where: { id: story.id },
      include: { authors: { orderBy: { position: "asc" } }, assignees: true },
    });
    expect(row.status).toBe("DRAFT");
    // The story belongs to its first writer; the audit log says who assigned it.
    expect(row.createdById).toBe(writer3.userId);
    expect(await db.auditLog.findFirst({ where: { action: "article.assign", subject: story.id }, select: { actorId: true } })).toEqual({ actorId: editor.userId });
    expect(row.authors.map((a) => a.personId)).toEqual([writer3.personId, writer.personId]);
    expect(row.assignees.map((a) => `${a.userId}:${a.role}`).sort()).toEqual(
      [`${writer3.userId}:WRITER`, `${writer.userId}:WRITER`, `${photographer.userId}:PHOTOGRAPHER`].sort(),
    );
    expect(toLocalInput(row.deadline!, timeZone)).toBe("2099-03-01T17:30");
    expect(row.targetWords).toBe(600);
    expect(row.issueId).toBe(issueId);
    expect(row.sectionId).toBe(section.id);

    const pitched = await db.pitch.findUniqueOrThrow({ where: { id: p.id } });
    expect(pitched.status).toBe("ASSIGNED");
    expect(pitched.articleId).toBe(story.id);
    expect((await listPitches({ actor: asWriter })).find((x) => x.id === p.id)?.article?.id).toBe(story.id);

    const notes = await db.notification.findMany({ where: { link: `/newsroom/articles/${story.id}`, kind: "assigned" } });
    expect(notes.map((n) => n.userId).sort()).toEqual([writer3.userId, writer.userId, photographer.userId].sort());

    // The photographer is on the story through the assignees relation; writer2 is not.
    await expect(findArticleForActor({ id: story.id, actor: asPhotographer })).resolves.toMatchObject({ id: story.id });
    await expect(findArticleForActor({ id: story.id, actor: asWriter })).resolves.toMatchObject({ id: story.id });
    await expectAppError(findArticleForActor({ id: story.id, actor: asWriter2 }), "NOT_FOUND");

    // A pitch is assigned once.
    await expectAppError(createAssignment({ actor: asEditor, input: assignment({ pitchId: p.id }) }), "INVALID_TRANSITION");
  });

  it("the assigning editor reviews the writer's story like anyone else's: approves it, cannot withdraw it", async () => {
    const otherEditor = actorFor(await createTestUser({ role: "EDITOR" }));
    const story = await createAssignment({ actor: asEditor, input: assignment({ writerIds: [writer2.userId, writer.userId] }) });
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { createdById: true, assignedById: true } });
    expect(row).toEqual({ createdById: writer2.userId, assignedById: editor.userId });
    // The writers have it on their dashboards and story lists; the editor does not own it.
    expect((await listMyAssignments({ actor: asWriter2 })).map((a) => a.id)).toContain(story.id);
    expect((await listMyAssignments({ actor: asWriter })).map((a) => a.id)).toContain(story.id);
    expect((await listArticlesForActor({ actor: asWriter2, mine: true })).map((a) => a.id)).toContain(story.id);
    expect((await listArticlesForActor({ actor: asEditor, mine: true })).map((a) => a.id)).not.toContain(story.id);
    // The assigning editor follows the draft (and its budget line) but leaves the writing to the writers.
    await expect(findArticleForActor({ id: story.id, actor: asEditor })).resolves.toMatchObject({ id: story.id });
    expect((await listBudget({ actor: asEditor, filter: { sort: "section" } })).rows.find((r) => r.id === story.id)).toMatchObject({ status: "DRAFT" });
    await expectAppError(updateArticle({ actor: asEditor, id: story.id, input: { version: 1, headline: "The editor rewrites it" } }), "FORBIDDEN");
    await expectAppError(transitionArticle({ actor: asEditor, id: story.id, input: { action: "submit" } }), "FORBIDDEN");
    // Another student editor sees someone else's draft as no draft at all.
    await expectAppError(findArticleForActor({ id: story.id, actor: otherEditor }), "NOT_FOUND");
    expect((await listBudget({ actor: otherEditor, filter: { sort: "section" } })).rows.map((r) => r.id)).not.toContain(story.id);

    await transitionArticle({ actor: asWriter2, id: story.id, input: { action: "submit" } });
    // The submission is the writer's to withdraw, not the editor's.
    await expectAppError(transitionArticle({ actor: asEditor, id: story.id, input: { action: "withdraw" } }), "FORBIDDEN");
    const approved = await transitionArticle({ actor: asEditor, id: story.id, input: { action: "approve" } });
    expect(approved.status).toBe("APPROVED");
    const { rows } = await listBudget({ actor: asEditor, filter: { sort: "section" } });
    expect(rows.find((r) => r.id === story.id)).toMatchObject({ status: "APPROVED", writers: [writer2.fullName, writer.fullName] });
  });

  it("only reviewers assign; a writer's attempt changes nothing", async () => {
    const headline = `Writer tries to assign ${uniq()}`;
    await expectAppError(createAssignment({ actor: asWriter, input: assignment({ headline }) }), "FORBIDDEN");
    const p = await pitch(asWriter2);
    await expectAppError(createAssignment({ actor: asWriter, input: assignment({ pitchId: p.id }) }), "NOT_FOUND");
    expect(await db.article.count({ where: { headline } })).toBe(0);
  });

  it("reports bad writers, past deadlines and unknown issues next to their fields", async () => {
    expect(ZAssignmentCreate.safeParse({ writerIds: ["", ""], deadline: "2099-01-01T10:00" }).error?.issues[0]?.path).toEqual(["writerIds"]);
    const error = await expectAppError(
      createAssignment({ actor: asAdviser, input: assignment({ writerIds: [gone.userId], deadline: localIn(-HOUR), issueId: "nosuchissue" }) }),
      "VALIDATION",
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["deadline", "issueId", "writerIds"]);
  });

  it("flags overdue assignments while the work is still with the writers", async () => {
    const story = await createAssignment({ actor: asAdviser, input: assignment({ writerIds: [writer2.userId] }) });
    let mine = await listMyAssignments({ actor: asWriter2 });
    expect(mine.find((a) => a.id === story.id)).toMatchObject({ overdue: false, targetWords: 600, roles: ["WRITER"] });

    await db.article.update({ where: { id: story.id }, data: { deadline: new Date(Date.now() - HOUR) } });
    mine = await listMyAssignments({ actor: asWriter2 });
    expect(mine.find((a) => a.id === story.id)?.overdue).toBe(true);

    await transitionArticle({ actor: asWriter2, id: story.id, input: { action: "submit" } });
    mine = await listMyAssignments({ actor: asWriter2 });
    expect(mine.find((a) => a.id === story.id)).toMatchObject({ status: "SUBMITTED", overdue: false });
    expect((await listMyAssignments({ actor: asWriter })).map((a) => a.id)).not.toContain(story.id);
  });
});

describe("the story budget", () => {
  it("lists upcoming and scheduled stories, not published ones, with assignees; writers get 404", async () => {
    const volumeId = (await db.issue.findUniqueOrThrow({ where: { id: issueId } })).volumeId;
    const springIssue = (await db.issue.create({ data: { volumeId, number: 2, slug: `issue-${uniq()}`, title: "Spring" } })).id;
    const draft = await createAssignment({ actor: asAdviser, input: assignment({ issueId: springIssue, photographerIds: [photographer.userId] }) });
    const scheduled = await createAssignment({ actor: asAdviser, input: assignment() });
    const published = await createAssignment({ actor: asAdviser, input: assignment() });
    for (const [actor, action] of [[asWriter, "submit"], [asAdviser, "approve"]] as const) {
      await transitionArticle({ actor, id: scheduled.id, input: { action } });
      await transitionArticle({ actor, id: published.id, input: { action } });
    }
    await transitionArticle({ actor: asAdviser, id: scheduled.id, input: { action: "publish", publishAt: new Date(Date.now() + 5 * DAY).toISOString() } });
    await transitionArticle({ actor: asAdviser, id: published.id, input: { action: "publish" } });

    const { rows, groups } = await listBudget({ actor: asAdviser, filter: { sort: "section" } });
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(draft.id);
    expect(ids).toContain(scheduled.id);
    expect(ids).not.toContain(published.id);
    const row = rows.find((r) => r.id === draft.id)!;
    expect(row).toMatchObject({ writers: [writer.fullName], photographers: [photographer.fullName], targetWords: 600, status: "DRAFT", overdue: false });
    expect(row.issue).toMatchObject({ id: springIssue, number: 2 });
    expect(row.issue?.label).toMatch(/^Vol\. \d+, No\. 2: Spring$/);
    expect(rows.find((r) => r.id === scheduled.id)?.publishAt).toBeInstanceOf(Date);
    // Stories in an issue come before those in none.
    expect(groups.at(-1)?.issue).toBeNull();

    const inIssue = await listBudget({ actor: asAdviser, filter: { issue: springIssue, sort: "deadline" } });
    expect(inIssue.rows.map((r) => r.id)).toEqual([draft.id]);
    const scheduledOnly = await listBudget({ actor: asAdviser, filter: { status: "SCHEDULED", section: section.slug, sort: "section" } });
    expect(scheduledOnly.rows.map((r) => r.id)).toContain(scheduled.id);
    expect(scheduledOnly.rows.every((r) => r.status === "SCHEDULED")).toBe(true);

    await expectAppError(listBudget({ actor: asWriter, filter: { sort: "section" } }), "NOT_FOUND");
    await expectAppError(listCalendarMonth({ actor: asWriter }), "NOT_FOUND");
  });

  it("groups by issue then section, or by issue with stories in deadline order", () => {
    const base = { status: "DRAFT" as const, writers: [], photographers: [], publishAt: null, targetWords: null, wordCount: 0, overdue: false };
    const news = { id: "s1", name: "News", slug: "news", position: 0 };
    const arts = { id: "s2", name: "Arts", slug: "arts", position: 5 };
    const issue = { id: "i1", label: "Vol. 1, No. 1", volume: 1, number: 1 };
    const rows = [
      { ...base, id: "a", headline: "A", section: arts, issue, deadline: new Date(1000) },
      { ...base, id: "b", headline: "B", section: news, issue, deadline: new Date(3000) },
      { ...base, id: "c", headline: "C", section: news, issue: null, deadline: null },
      { ...base, id: "d", headline: "D", section: news, issue, deadline: new Date(2000) },
    ];
    const bySection = groupBudget(rows, "section");
    expect(bySection.map((g) => g.key)).toEqual(["i1", "none"]);
    expect(bySection[0]!.sections.map((s) => [s.section?.name, s.rows.map((r) => r.id)])).toEqual([
      ["News", ["d", "b"]],
      ["Arts", ["a"]],
    ]);
    const byDeadline = groupBudget(rows, "deadline");
    expect(byDeadline[0]!.sections).toHaveLength(1);
    expect(byDeadline[0]!.sections[0]!.rows.map((r) => r.id)).toEqual(["a", "d", "b"]);
  });
});

describe("deadline reminders", () => {
  it("notifies assignees once per story due within 24 hours", async () => {
    const soon = await createAssignment({ actor: asEditor, input: assignment({ writerIds: [writer.userId], photographerIds: [photographer.userId], deadline: localIn(10 * HOUR) }) });
    const later = await createAssignment({ actor: asEditor, input: assignment({ writerIds: [writer.userId], deadline: localIn(3 * DAY) }) });
    const reminders = (id: string) => db.notification.findMany({ where: { kind: "deadline", link: `/newsroom/articles/${id}` } });

    expect(await notifyDeadlinesTomorrow({ now: new Date() })).toBeGreaterThanOrEqual(2);
    expect((await reminders(soon.id)).map((n) => n.userId).sort()).toEqual([writer.userId, photographer.userId].sort());
    expect(await reminders(later.id)).toHaveLength(0);

    await notifyDeadlinesTomorrow({ now: new Date() });
    await notifyDeadlinesTomorrow({ now: new Date(Date.now() + HOUR) });
    expect(await reminders(soon.id)).toHaveLength(2);

    // Two days on, the later story is due within 24 hours: it gets its one reminder.
    await notifyDeadlinesTomorrow({ now: new Date(Date.now() + 2 * DAY + HOUR) });
    await notifyDeadlinesTomorrow({ now: new Date(Date.now() + 2 * DAY + 2 * HOUR) });
    expect(await reminders(later.id)).toHaveLength(1);
  });
});

describe("the calendar", () => {
  it("puts each event on its day in the publication's time zone", () => {
    // 23:30 UTC on 31 Oct is 08:30 on 1 Nov in Seoul.
    const at = new Date("2026-10-31T23:30:00Z");
    const month = buildMonth({
      month: "2026-11",
      timeZone: "Asia/Seoul",
      now: new Date("2026-11-15T03:00:00Z"),
      events: [{ kind: "deadline", at, article: { id: "x", headline: "X", status: "DRAFT" }, overdue: false }],
    });
    expect(month.label).toBe("November 2026");
    expect([month.prev, month.next]).toEqual(["2026-10", "2026-12"]);
    // 1 Nov 2026 is a Sunday: the last cell of the first Monday-first week.
    expect(month.weeks[0]!.slice(0, 6).every((d) => d === null)).toBe(true);
    expect(month.weeks[0]![6]).toMatchObject({ date: "2026-11-01", events: [{ time: "08:30", kind: "deadline" }] });
    expect(month.weeks.flat().find((d) => d?.isToday)?.date).toBe("2026-11-15");
    expect(month.count).toBe(1);
    expect(buildMonth({ month: "2026-01", timeZone: "UTC", now: at, events: [] }).prev).toBe("2025-12");
  });

  it("lists deadlines and scheduled publish times for reviewers", async () => {
    const story = await createAssignment({ actor: asAdviser, input: assignment({ deadline: "2098-05-20T09:15" }) });
    const month = await listCalendarMonth({ actor: asEditor, month: "2098-05" });
    // The editor may not view a draft another reviewer assigned to someone else.
    expect(month.weeks.flat().flatMap((d) => d?.events ?? []).map((e) => e.article.id)).not.toContain(story.id);
    const asAdviserMonth = await listCalendarMonth({ actor: asAdviser, month: "2098-05" });
    const day = asAdviserMonth.weeks.flat().find((d) => d?.date === "2098-05-20");
    expect(day?.events.find((e) => e.article.id === story.id)).toMatchObject({ kind: "deadline", time: "09:15" });
  });
});
