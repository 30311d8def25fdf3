import "server-only";
import type { MyAssignment } from "@/lib/validation/planning";
import { type Actor, can } from "@/lib/auth/policy";
import { isOverdue } from "@/lib/domain/deadline";
import { fromLocalInput, toLocalInput } from "@/lib/domain/time";
import { type ArticleStatus, BUDGET_STATUSES, isScheduled, STATUS } from "@/lib/domain/workflow";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PitchStatus, TBudgetFilter } from "@/lib/validation/planning";
import { visibleTo, visibleToSql } from "./articles";
import { db } from "./db";
import { getPublication } from "./publication";

/**
 * Planning's queries: pitches, assignments, the story budget and the deadline calendar. The
 * writes (pitching, deciding, assigning, reminders) are use cases in lib/use-cases/planning.
 *
 * Rules that always hold:
 * - A pitch is seen by its pitcher and by those who may see every pitch (`view_pitch`); to anyone
 *   else it does not exist (404).
 * - An assignment is a DRAFT that belongs to its writers: the first writer is its owner
 *   (`createdById`), the writers are its bylines (in order) and every writer and photographer is
 *   an assignee, so each can open it. The assigning editor is `assignedById`: they follow the
 *   draft (budget, calendar, view, comment) but do not own it, so they review and approve it like
 *   anyone else's story and cannot edit, submit or withdraw it.
 * - Budget and calendar list only stories the actor may view (`visibleTo`), like every story list.
 */

type Tx = Prisma.TransactionClient;

function invalid(fields: Record<string, string>): AppError {
  return new AppError("VALIDATION", Object.values(fields)[0] ?? "Check the highlighted fields.", { fields });
}

/** A section by id or slug, or null when there is none such. */
export async function findSectionId(tx: Tx | typeof db, ref: string): Promise<string | null> {
  const section = await tx.section.findFirst({ where: { OR: [{ id: ref }, { slug: ref }] }, select: { id: true } });
  return section?.id ?? null;
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
  return can(actor, "view_all_pitches") ? {} : { pitchedById: actor.userId };
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

/** A pitch the actor may see (`view_pitch`), or NOT_FOUND. */
export async function findPitchForActor({ actor, id, tx }: { actor: Actor; id: string; tx?: Tx }) {
  const row = await (tx ?? db).pitch.findUnique({ where: { id }, select: pitchSelect });
  if (!row || !can(actor, "view_pitch", row)) throw notFound("That pitch");
  return row;
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

/** The actor's assigned stories not yet published, soonest deadline first (none last). */
/**
 * The actor's assignments as plain SQL (exported for the query-plan test): the stories they are
 * assigned to (the assignee index, driving the join: never every draft through the status index), still in the budget and visible to them, with section and
 * pitch joined by key; then their roles on those stories. Two statements where Prisma's select
 * took four, each compiled on the event loop, and none reads the archive.
 */
export function myAssignmentsSql(actor: Actor): { stories: Prisma.Sql; roles: (ids: string[]) => Prisma.Sql } {
  return {
    stories: Prisma.sql`SELECT a."id", a."headline", a."status", a."deadline", a."targetWords", a."wordCount", a."createdAt",
        s."name" AS "sectionName", p."id" AS "pitchId", p."angle" AS "pitchAngle", p."sources" AS "pitchSources"
      FROM (SELECT DISTINCT "articleId" FROM "ArticleAssignee" WHERE "userId" = ${actor.userId}) x
      JOIN "Article" a ON a."id" = x."articleId"
      LEFT JOIN "Section" s ON s."id" = a."sectionId"
      LEFT JOIN "Pitch" p ON p."articleId" = a."id"
      WHERE a."status" IN (${Prisma.join([...BUDGET_STATUSES])}) AND ${visibleToSql(actor)}`,
    roles: (ids) => Prisma.sql`SELECT "articleId", "role" FROM "ArticleAssignee" WHERE "userId" = ${actor.userId} AND "articleId" IN (${Prisma.join(ids)}) ORDER BY "articleId"`,
  };
}

type RawDate = Date | string | number;
const ROLE_ORDER: MyAssignment["roles"] = ["WRITER", "PHOTOGRAPHER"];
type RawAssignment = {
  id: string; headline: string; status: ArticleStatus; deadline: RawDate | null; targetWords: number | bigint | null; wordCount: number | bigint; createdAt: RawDate;
  sectionName: string | null; pitchId: string | null; pitchAngle: string | null; pitchSources: string | null;
};

/** The actor's assignments still in the budget, the nearest deadline first (at most 200). */
export async function listMyAssignments({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<MyAssignment[]> {
  const sql = myAssignmentsSql(actor);
  const rows = (await db.$queryRaw<RawAssignment[]>(sql.stories)).map((r) => ({ ...r, deadline: r.deadline === null ? null : new Date(r.deadline), createdAt: new Date(r.createdAt) }));
  if (rows.length === 0) return [];
  const roles = new Map<string, MyAssignment["roles"]>();
  for (const { articleId, role } of await db.$queryRaw<{ articleId: string; role: MyAssignment["roles"][number] }[]>(sql.roles(rows.map((r) => r.id)))) roles.set(articleId, [...(roles.get(articleId) ?? []), role]);
  // The enum's order on both engines (PostgreSQL sorts an enum by declaration, SQLite its text).
  for (const list of roles.values()) list.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  return rows
    .sort((a, b) => (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity) || a.createdAt.getTime() - b.createdAt.getTime())
    .slice(0, 200)
    .map((r) => ({
      id: r.id,
      headline: r.headline,
      status: r.status,
      section: r.sectionName,
      roles: roles.get(r.id) ?? [],
      deadline: r.deadline,
      targetWords: r.targetWords === null ? null : Number(r.targetWords),
      wordCount: Number(r.wordCount),
      overdue: isOverdue(r, now),
      brief: r.pitchId !== null ? { angle: r.pitchAngle ?? "", sources: r.pitchSources ?? "" } : null,
    }));
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
  if (!can(actor, "view_budget")) throw notFound("That page");
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
    publishAt: isScheduled(r.status) ? r.publishAt : null,
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
  if (!can(actor, "view_budget")) throw notFound("That page");
  const { timeZone } = await getPublication();
  const which = month ?? currentMonth(now, timeZone);
  const start = fromLocalInput(`${which}-01T00:00`, timeZone);
  const end = fromLocalInput(`${shiftMonth(which, 1)}-01T00:00`, timeZone);
  if (!start || !end) throw invalid({ month: "Give the month as YYYY-MM." });
  const select = { id: true, headline: true, status: true, deadline: true, publishAt: true } as const;
  const [deadlines, scheduled] = await Promise.all([
    db.article.findMany({ where: { AND: [visibleTo(actor), { deadline: { gte: start, lt: end } }] }, select, take: 500 }),
    db.article.findMany({ where: { AND: [visibleTo(actor), { status: STATUS.SCHEDULED, publishAt: { gte: start, lt: end } }] }, select, take: 500 }),
  ]);
  const events: Omit<CalendarEvent, "time">[] = [
    ...deadlines.map((a) => ({ kind: "deadline" as const, at: a.deadline!, article: { id: a.id, headline: a.headline, status: a.status }, overdue: isOverdue(a, now) })),
    ...scheduled.map((a) => ({ kind: "publish" as const, at: a.publishAt!, article: { id: a.id, headline: a.headline, status: a.status }, overdue: false })),
  ];
  return buildMonth({ month: which, timeZone, events, now });
}

export type { MyAssignment };
