import "server-only";
import { type Actor, can } from "@/lib/auth/policy";
import { formatDateTime, fromLocalInput, toLocalInput } from "@/lib/domain/time";
import type { ArticleStatus } from "@/lib/domain/workflow";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { BUDGET_STATUSES, type PitchStatus, type TAssignmentCreate, type TBudgetFilter, type TPitchCreate, type TPitchDecision } from "@/lib/validation/planning";
import { prepareArticle, visibleTo } from "./articles";
import { db } from "./db";
import { notify } from "./notifications";
import { getPublication } from "./publication";

/**
 * Planning: pitches, assignments, the story budget and the deadline calendar.
 *
 * Rules that always hold:
 * - A pitch is seen by its pitcher and by reviewers (editors, advisers, admins); to anyone else
 *   it does not exist (404). Only reviewers decide pitches or make assignments.
 * - An assignment is a DRAFT that belongs to its writers: the first writer is its owner
 *   (`createdById`), the writers are its bylines (in order) and every writer and photographer is
 *   an assignee, so each can open it. The assigning editor is `assignedById`: they follow the
 *   draft (budget, calendar, view, comment) but do not own it, so they review and approve it like
 *   anyone else's story and cannot edit, submit or withdraw it.
 * - Budget and calendar list only stories the actor may view (`visibleTo`), like every story list.
 */

type Tx = Prisma.TransactionClient;

const DAY_MS = 24 * 60 * 60 * 1000;
/** The work is not in yet: a passed deadline in these states is overdue. */
const STILL_DUE: readonly ArticleStatus[] = ["DRAFT", "CHANGES_REQUESTED"];

/** PURE. Deadline passed and the story is still with its writers. */
export function isOverdue(article: { deadline: Date | null; status: ArticleStatus }, now: Date): boolean {
  return article.deadline !== null && article.deadline.getTime() < now.getTime() && STILL_DUE.includes(article.status);
}

function isReviewer(actor: Actor): boolean {
  return can(actor, "view_review_queue");
}

function invalid(fields: Record<string, string>): AppError {
  return new AppError("VALIDATION", Object.values(fields)[0] ?? "Check the highlighted fields.", { fields });
}

async function resolveSectionId(ref: string | null | undefined): Promise<string | null> {
  if (!ref) return null;
  const section = await db.section.findFirst({ where: { OR: [{ id: ref }, { slug: ref }] }, select: { id: true } });
  if (!section) throw invalid({ section: "Choose a section from the list." });
  return section.id;
}

// ---- Pitches ----

const pitchSelect = {
  id: true,
  title: true,
  angle: true,
  sources: true,
  status: true,
  decisionNote: true,
  createdAt: true,
  updatedAt: true,
  pitchedById: true,
  articleId: true,
  section: { select: { id: true, name: true, slug: true } },
  pitchedBy: { select: { person: { select: { fullName: true } } } },
  decidedBy: { select: { person: { select: { fullName: true } } } },
} satisfies Prisma.PitchSelect;

export type PitchDto = {
  id: string;
  title: string;
  angle: string;
  sources: string;
  status: PitchStatus;
  decisionNote: string;
  section: { id: string; name: string; slug: string } | null;
  pitchedBy: { id: string; name: string };
  decidedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The story made from it, when the actor may open that story. */
  article: { id: string; headline: string; status: ArticleStatus } | null;
};

/** Pitches the actor may see, as a where clause. */
function pitchesVisibleTo(actor: Actor): Prisma.PitchWhereInput {
  return isReviewer(actor) ? {} : { pitchedById: actor.userId };
}

export async function createPitch({ actor, input }: { actor: Actor; input: TPitchCreate }) {
  if (!can(actor, "create_article")) throw new AppError("FORBIDDEN", "You may not pitch stories.");
  const sectionId = await resolveSectionId(input.section);
  return db.pitch.create({
    data: { title: input.title, angle: input.angle, sources: input.sources, sectionId, pitchedById: actor.userId },
    select: { id: true, title: true, status: true },
  });
}

export async function listPitches({ actor, status }: { actor: Actor; status?: PitchStatus }): Promise<PitchDto[]> {
  const rows = await db.pitch.findMany({
    where: { AND: [pitchesVisibleTo(actor), status ? { status } : {}] },
    select: pitchSelect,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 300,
  });
  const articleIds = rows.flatMap((r) => (r.articleId ? [r.articleId] : []));
  const articles = articleIds.length
    ? await db.article.findMany({ where: { AND: [{ id: { in: articleIds } }, visibleTo(actor)] }, select: { id: true, headline: true, status: true } })
    : [];
  const byId = new Map(articles.map((a) => [a.id, a]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    angle: r.angle,
    sources: r.sources,
    status: r.status,
    decisionNote: r.decisionNote,
    section: r.section,
    pitchedBy: { id: r.pitchedById, name: r.pitchedBy.person.fullName },
    decidedBy: r.decidedBy?.person.fullName ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    article: (r.articleId && byId.get(r.articleId)) || null,
  }));
}

/** A pitch the actor may see, or NOT_FOUND. */
export async function findPitchForActor({ actor, id }: { actor: Actor; id: string }) {
  const row = await db.pitch.findFirst({ where: { AND: [{ id }, pitchesVisibleTo(actor)] }, select: pitchSelect });
  if (!row) throw notFound("That pitch");
  return row;
}

/** Which decisions each pitch state allows. */
const DECISION_FROM: Record<TPitchDecision["decision"], readonly PitchStatus[]> = {
  accept: ["OPEN"],
  reject: ["OPEN", "ACCEPTED"],
};

/** Accept or reject a pitch (reviewers only; a rejection needs a note). The pitcher is told. */
export async function decidePitch({ actor, input }: { actor: Actor; input: TPitchDecision }) {
  const pitch = await findPitchForActor({ actor, id: input.pitchId });
  if (!isReviewer(actor)) throw new AppError("FORBIDDEN", "Only editors and advisers decide pitches.");
  const note = input.note.trim();
  if (input.decision === "reject" && !note) throw invalid({ note: "Tell the pitcher why: a note is required to reject a pitch." });
  if (!DECISION_FROM[input.decision].includes(pitch.status)) {
    throw new AppError("INVALID_TRANSITION", `This pitch is already ${pitch.status.toLowerCase()}.`);
  }
  const status: PitchStatus = input.decision === "accept" ? "ACCEPTED" : "REJECTED";
  await db.$transaction(async (tx) => {
    const swapped = await tx.pitch.updateMany({ where: { id: pitch.id, status: pitch.status }, data: { status, decisionNote: note, decidedById: actor.userId } });
    if (swapped.count === 0) throw new AppError("CONFLICT", "Someone decided this pitch while you were looking at it. Reload and try again.");
    await notify(tx, {
      userIds: [pitch.pitchedById],
      kind: "decision",
      title: `Pitch ${status === "ACCEPTED" ? "accepted" : "rejected"}: ${pitch.title}`,
      link: "/newsroom/pitches",
      exceptUserId: actor.userId,
    });
    await tx.auditLog.create({
      data: { actorId: actor.userId, action: `pitch.${input.decision}`, subject: pitch.id, details: JSON.stringify({ title: pitch.title, note }) },
    });
  });
  return { id: pitch.id, status };
}

// ---- Assignments ----

/** Active staff who can be named on an assignment. */
export async function listAssignableStaff() {
  const users = await db.user.findMany({
    where: { active: true },
    select: { id: true, role: true, person: { select: { fullName: true } } },
    orderBy: { person: { fullName: "asc" } },
  });
  return users.map((u) => ({ id: u.id, name: u.person.fullName, role: u.role }));
}

/** Issues for the "target issue" and budget filter selects, newest volume first. */
export async function listIssueOptions() {
  const issues = await db.issue.findMany({
    select: { id: true, number: true, title: true, publishedOn: true, volume: { select: { number: true } } },
    orderBy: [{ volume: { number: "desc" } }, { number: "asc" }],
  });
  return issues.map((i) => ({ id: i.id, label: issueLabel(i), publishedOn: i.publishedOn }));
}

function issueLabel(issue: { number: number; title: string; volume: { number: number } }): string {
  return `Vol. ${issue.volume.number}, No. ${issue.number}${issue.title ? `: ${issue.title}` : ""}`;
}

/**
 * Make an assignment: a DRAFT owned by the first writer with the writers as bylines, every
 * writer and photographer as an assignee, the deadline (wall-clock time in the publication's
 * zone) and target length; from a pitch, the pitch becomes ASSIGNED in the same transaction.
 */
export async function createAssignment({ actor, input, now = new Date() }: { actor: Actor; input: TAssignmentCreate; now?: Date }) {
  const pitch = input.pitchId ? await findPitchForActor({ actor, id: input.pitchId }) : null;
  if (!isReviewer(actor)) throw new AppError("FORBIDDEN", "Only editors and advisers make assignments.");
  if (pitch && pitch.status !== "OPEN" && pitch.status !== "ACCEPTED") {
    throw new AppError("INVALID_TRANSITION", `This pitch is already ${pitch.status.toLowerCase()}.`);
  }
  const { timeZone } = await getPublication();
  const fields: Record<string, string> = {};
  const headline = input.headline ?? pitch?.title;
  if (!headline) fields.headline = "Write a headline.";
  const deadline = fromLocalInput(input.deadline, timeZone);
  if (!deadline) fields.deadline = "Enter a valid date and time.";
  else if (deadline.getTime() <= now.getTime()) fields.deadline = "Choose a deadline in the future.";
  const writerIds = [...new Set(input.writerIds)];
  const photographerIds = [...new Set(input.photographerIds)];
  const staff = await db.user.findMany({ where: { id: { in: [...writerIds, ...photographerIds] }, active: true }, select: { id: true, personId: true } });
  const personOf = new Map(staff.map((u) => [u.id, u.personId]));
  if (writerIds.some((id) => !personOf.has(id))) fields.writerIds = "Choose writers from the list of active staff.";
  if (photographerIds.some((id) => !personOf.has(id))) fields.photographerIds = "Choose photographers from the list of active staff.";
  if (input.issueId && !(await db.issue.findUnique({ where: { id: input.issueId }, select: { id: true } }))) fields.issueId = "Choose an issue from the list.";
  const section = input.section === undefined || input.section === null || input.section === "" ? (pitch?.section?.id ?? null) : input.section;
  if (section && !(await db.section.findFirst({ where: { OR: [{ id: section }, { slug: section }] }, select: { id: true } }))) fields.section = "Choose a section from the list.";
  if (Object.keys(fields).length > 0 || !headline || !deadline) throw invalid(fields);

  const link = (id: string) => `/newsroom/articles/${id}`;
  const draft = await prepareArticle({
    actor,
    input: { headline, dek: "", body: "", section },
    extras: {
      deadline,
      targetWords: input.targetWords ?? null,
      issueId: input.issueId ?? null,
      authorPersonIds: writerIds.map((id) => personOf.get(id)!),
      ownerId: writerIds[0],
      assignedById: actor.userId,
      assignees: [...writerIds.map((userId) => ({ userId, role: "WRITER" as const })), ...photographerIds.map((userId) => ({ userId, role: "PHOTOGRAPHER" as const }))],
    },
  });
  return db.$transaction(async (tx: Tx) => {
    const article = await draft.insert(tx);
    if (pitch) {
      const swapped = await tx.pitch.updateMany({
        where: { id: pitch.id, status: { in: ["OPEN", "ACCEPTED"] }, articleId: null },
        data: { status: "ASSIGNED", articleId: article.id, decidedById: actor.userId },
      });
      if (swapped.count === 0) throw new AppError("CONFLICT", "Someone assigned or rejected this pitch while you were looking at it. Reload and try again.");
    }
    const assignees = [...writerIds, ...photographerIds];
    await notify(tx, { userIds: assignees, kind: "assigned", title: `You were assigned: ${headline} (due ${formatDateTime(deadline, timeZone)})`, link: link(article.id), exceptUserId: actor.userId });
    if (pitch && !assignees.includes(pitch.pitchedById)) {
      await notify(tx, { userIds: [pitch.pitchedById], kind: "decision", title: `Pitch assigned: ${pitch.title}`, link: "/newsroom/pitches", exceptUserId: actor.userId });
    }
    await tx.auditLog.create({
      data: {
        actorId: actor.userId,
        action: "article.assign",
        subject: article.id,
        details: JSON.stringify({ headline, pitchId: pitch?.id ?? null, writerIds, photographerIds, deadline, targetWords: input.targetWords ?? null, issueId: input.issueId ?? null }),
      },
    });
    return { id: article.id, headline: article.headline, slug: article.slug };
  });
}

export type MyAssignment = {
  id: string;
  headline: string;
  status: ArticleStatus;
  section: string | null;
  roles: ("WRITER" | "PHOTOGRAPHER")[];
  deadline: Date | null;
  targetWords: number | null;
  wordCount: number;
  overdue: boolean;
  /** The pitch's angle and sources, when the story came from a pitch. */
  brief: { angle: string; sources: string } | null;
};

/** The actor's assigned stories not yet published, soonest deadline first (none last). */
export async function listMyAssignments({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<MyAssignment[]> {
  const rows = await db.article.findMany({
    where: { AND: [visibleTo(actor), { assignees: { some: { userId: actor.userId } } }, { status: { notIn: ["PUBLISHED", "UNPUBLISHED"] } }] },
    select: {
      id: true,
      headline: true,
      status: true,
      deadline: true,
      targetWords: true,
      wordCount: true,
      createdAt: true,
      section: { select: { name: true } },
      assignees: { where: { userId: actor.userId }, select: { role: true } },
      pitch: { select: { angle: true, sources: true } },
    },
    take: 200,
  });
  return rows
    .sort((a, b) => (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity) || a.createdAt.getTime() - b.createdAt.getTime())
    .map((r) => ({
      id: r.id,
      headline: r.headline,
      status: r.status,
      section: r.section?.name ?? null,
      roles: r.assignees.map((a) => a.role),
      deadline: r.deadline,
      targetWords: r.targetWords,
      wordCount: r.wordCount,
      overdue: isOverdue(r, now),
      brief: r.pitch ? { angle: r.pitch.angle, sources: r.pitch.sources } : null,
    }));
}

/**
 * Remind assignees of stories due within the next 24 hours that are still with them (draft or
 * changes requested). Idempotent: a user gets one "deadline" notification per story, ever; an
 * existing one (same kind, same link) is the record that it was sent. Returns how many were sent.
 */
export async function notifyDeadlinesTomorrow(now: Date = new Date()): Promise<number> {
  const due = await db.article.findMany({
    where: { deadline: { gt: now, lte: new Date(now.getTime() + DAY_MS) }, status: { in: [...STILL_DUE] } },
    select: { id: true, headline: true, deadline: true, assignees: { where: { user: { active: true } }, select: { userId: true } } },
  });
  if (due.length === 0) return 0;
  const { timeZone } = await getPublication();
  let sent = 0;
  for (const article of due) {
    const link = `/newsroom/articles/${article.id}`;
    const userIds = [...new Set(article.assignees.map((a) => a.userId))];
    if (userIds.length === 0) continue;
    sent += await db.$transaction(async (tx) => {
      const already = await tx.notification.findMany({ where: { kind: "deadline", link, userId: { in: userIds } }, select: { userId: true } });
      const done = new Set(already.map((n) => n.userId));
      const pending = userIds.filter((id) => !done.has(id));
      await notify(tx, { userIds: pending, kind: "deadline", title: `Due ${formatDateTime(article.deadline!, timeZone)}: ${article.headline}`, link });
      return pending.length;
    });
  }
  return sent;
}

// ---- The story budget ----

export type BudgetRow = {
  id: string;
  headline: string;
  status: ArticleStatus;
  section: { id: string; name: string; slug: string; position: number } | null;
  issue: { id: string; label: string; volume: number; number: number } | null;
  writers: string[];
  photographers: string[];
  deadline: Date | null;
  publishAt: Date | null;
  targetWords: number | null;
  wordCount: number;
  overdue: boolean;
};

export type BudgetSectionGroup = { key: string; section: BudgetRow["section"]; rows: BudgetRow[] };
export type BudgetIssueGroup = { key: string; issue: BudgetRow["issue"]; sections: BudgetSectionGroup[]; count: number };

const byDeadline = (a: BudgetRow, b: BudgetRow) => (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity) || a.headline.localeCompare(b.headline);
const bySection = (a: BudgetRow, b: BudgetRow) =>
  (a.section?.position ?? Infinity) - (b.section?.position ?? Infinity) || (a.section?.name ?? "\uffff").localeCompare(b.section?.name ?? "\uffff");
const byIssue = (a: BudgetRow, b: BudgetRow) =>
  (a.issue ? 0 : 1) - (b.issue ? 0 : 1) || (a.issue?.volume ?? 0) - (b.issue?.volume ?? 0) || (a.issue?.number ?? 0) - (b.issue?.number ?? 0);

/**
 * PURE. Group by issue (in volume and issue order, "no issue" last), then by section. Sorted by
 * section: section groups in the publication's order, stories by deadline within each. Sorted by
 * deadline: one group per issue, stories by deadline across sections.
 */
export function groupBudget(rows: BudgetRow[], sort: TBudgetFilter["sort"]): BudgetIssueGroup[] {
  const sorted = [...rows].sort((a, b) => byIssue(a, b) || (sort === "section" ? bySection(a, b) : 0) || byDeadline(a, b));
  const groups: BudgetIssueGroup[] = [];
  for (const row of sorted) {
    const key = row.issue?.id ?? "none";
    let group = groups.at(-1);
    if (!group || group.key !== key) groups.push((group = { key, issue: row.issue, sections: [], count: 0 }));
    const sectionKey = sort === "section" ? (row.section?.id ?? "none") : "all";
    let section = group.sections.at(-1);
    if (!section || section.key !== sectionKey) group.sections.push((section = { key: sectionKey, section: sort === "section" ? row.section : null, rows: [] }));
    section.rows.push(row);
    group.count += 1;
  }
  return groups;
}

/** Every upcoming story the reviewer may see: not published, scheduled included. 404 for others. */
export async function listBudget({ actor, filter, now = new Date() }: { actor: Actor; filter: TBudgetFilter; now?: Date }) {
  if (!isReviewer(actor)) throw notFound("That page");
  const where: Prisma.ArticleWhereInput[] = [visibleTo(actor), { status: { in: filter.status ? [filter.status] : [...BUDGET_STATUSES] } }];
  if (filter.issue === "none") where.push({ issueId: null });
  else if (filter.issue) where.push({ issueId: filter.issue });
  if (filter.section) where.push({ section: { slug: filter.section } });
  const rows = await db.article.findMany({
    where: { AND: where },
    select: {
      id: true,
      headline: true,
      status: true,
      deadline: true,
      publishAt: true,
      targetWords: true,
      wordCount: true,
      section: { select: { id: true, name: true, slug: true, position: true } },
      issue: { select: { id: true, number: true, title: true, volume: { select: { number: true } } } },
      authors: { orderBy: { position: "asc" }, select: { person: { select: { fullName: true } } } },
      assignees: { where: { role: "PHOTOGRAPHER" }, select: { user: { select: { person: { select: { fullName: true } } } } } },
    },
    take: 1000,
  });
  const budget: BudgetRow[] = rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    status: r.status,
    section: r.section,
    issue: r.issue ? { id: r.issue.id, label: issueLabel(r.issue), volume: r.issue.volume.number, number: r.issue.number } : null,
    writers: r.authors.map((a) => a.person.fullName),
    photographers: r.assignees.map((a) => a.user.person.fullName),
    deadline: r.deadline,
    publishAt: r.status === "SCHEDULED" ? r.publishAt : null,
    targetWords: r.targetWords,
    wordCount: r.wordCount,
    overdue: isOverdue(r, now),
  }));
  return { rows: budget, groups: groupBudget(budget, filter.sort) };
}

// ---- The calendar ----

export type CalendarEvent = {
  kind: "deadline" | "publish";
  at: Date;
  /** "14:00" in the publication's zone. */
  time: string;
  article: { id: string; headline: string; status: ArticleStatus };
  overdue: boolean;
};
export type CalendarDay = { date: string; day: number; isToday: boolean; events: CalendarEvent[] };
export type CalendarMonth = {
  month: string;
  label: string;
  prev: string;
  next: string;
  /** Weeks from Monday to Sunday; null for days outside the month. */
  weeks: (CalendarDay | null)[][];
  count: number;
};

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The month ("YYYY-MM") that `now` falls in, in the publication's zone. */
export function currentMonth(now: Date, timeZone: string): string {
  return toLocalInput(now, timeZone).slice(0, 7);
}

/** PURE. Lay events out on a Monday-first month grid, each on its day in `timeZone`. */
export function buildMonth({ month, timeZone, events, now }: { month: string; timeZone: string; events: Omit<CalendarEvent, "time">[]; now: Date }): CalendarMonth {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const firstWeekday = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  const today = toLocalInput(now, timeZone).slice(0, 10);
  const byDate = new Map<string, CalendarEvent[]>();
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const local = toLocalInput(e.at, timeZone);
    const list = byDate.get(local.slice(0, 10)) ?? [];
    list.push({ ...e, time: local.slice(11) });
    byDate.set(local.slice(0, 10), list);
  }
  const cells: (CalendarDay | null)[] = Array.from({ length: firstWeekday }, () => null);
  let count = 0;
  for (let day = 1; day <= daysInMonth; day++) {
    const date = `${month}-${String(day).padStart(2, "0")}`;
    const dayEvents = byDate.get(date) ?? [];
    count += dayEvents.length;
    cells.push({ date, day, isToday: date === today, events: dayEvents });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const label = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
  return { month, label, prev: shiftMonth(month, -1), next: shiftMonth(month, 1), weeks, count };
}

/** Deadlines and scheduled publish times in a month (publication time zone). 404 for writers. */
export async function listCalendarMonth({ actor, month, now = new Date() }: { actor: Actor; month?: string; now?: Date }): Promise<CalendarMonth> {
  if (!isReviewer(actor)) throw notFound("That page");
  const { timeZone } = await getPublication();
  const which = month ?? currentMonth(now, timeZone);
  const start = fromLocalInput(`${which}-01T00:00`, timeZone);
  const end = fromLocalInput(`${shiftMonth(which, 1)}-01T00:00`, timeZone);
  if (!start || !end) throw invalid({ month: "Give the month as YYYY-MM." });
  const select = { id: true, headline: true, status: true, deadline: true, publishAt: true } as const;
  const [deadlines, scheduled] = await Promise.all([
    db.article.findMany({ where: { AND: [visibleTo(actor), { deadline: { gte: start, lt: end } }] }, select, take: 500 }),
    db.article.findMany({ where: { AND: [visibleTo(actor), { status: "SCHEDULED", publishAt: { gte: start, lt: end } }] }, select, take: 500 }),
  ]);
  const events: Omit<CalendarEvent, "time">[] = [
    ...deadlines.map((a) => ({ kind: "deadline" as const, at: a.deadline!, article: { id: a.id, headline: a.headline, status: a.status }, overdue: isOverdue(a, now) })),
    ...scheduled.map((a) => ({ kind: "publish" as const, at: a.publishAt!, article: { id: a.id, headline: a.headline, status: a.status }, overdue: false })),
  ];
  return buildMonth({ month: which, timeZone, events, now });
}
