/**
 * A volume's masthead: who was on staff that school year, in which position. PURE.
 * Invariants: a masthead shows each person as of *that* volume's school year (a Grade 11 in
 * Volume 13 stays Grade 11 there), and entries are shown in rank order, grouped by position in
 * the order each position first appears.
 */

export type VolumeDates = { number: number; startsOn: Date; endsOn: Date };

const DAY = 24 * 60 * 60 * 1000;

/**
 * The instant a volume's grades are computed at: the middle of its dates, so that a volume
 * running from late August to June falls in one school year whatever the start month is.
 */
export function volumeReferenceDate(volume: { startsOn: Date; endsOn: Date }): Date {
  const start = volume.startsOn.getTime();
  const end = Math.max(start, volume.endsOn.getTime());
  return new Date(start + Math.floor((end - start) / 2));
}

/**
 * The dates of the school year that `schoolYearEnd` (lib/domain/byline.ts) numbers `endYear`:
 * from the 1st of the start month of the year before to the day before the next start
 * (2026-08-01 to 2027-07-31 for 2027 with an August start).
 */
export function schoolYearDates(endYear: number, startMonth: number): { startsOn: Date; endsOn: Date } {
  const startYear = endYear - 1;
  const startsOn = new Date(Date.UTC(startYear, startMonth - 1, 1));
  const next = new Date(Date.UTC(startYear + 1, startMonth - 1, 1));
  return { startsOn, endsOn: new Date(next.getTime() - DAY) };
}

/** "2026-27" for the school year `endYear` 2027; "2026" when it runs January to December. */
export function schoolYearName(endYear: number, startMonth: number): string {
  if (startMonth === 1) return String(endYear - 1);
  return `${endYear - 1}-${String(endYear % 100).padStart(2, "0")}`;
}

/** True when `now` falls on one of the volume's days (endsOn is the last day, inclusive). */
export function volumeContains(volume: { startsOn: Date; endsOn: Date }, now: Date): boolean {
  return volume.startsOn.getTime() <= now.getTime() && now.getTime() < volume.endsOn.getTime() + DAY;
}

/**
 * The volume the public staff page shows by default: the one whose dates contain today, else
 * the latest that has already started, else (only planned volumes exist) the earliest one.
 */
export function currentVolume<V extends VolumeDates>(volumes: readonly V[], now: Date): V | null {
  const containing = volumes.filter((v) => volumeContains(v, now)).sort((a, b) => b.number - a.number)[0];
  if (containing) return containing;
  const started = volumes.filter((v) => v.startsOn.getTime() <= now.getTime()).sort((a, b) => b.startsOn.getTime() - a.startsOn.getTime() || b.number - a.number)[0];
  if (started) return started;
  return [...volumes].sort((a, b) => a.startsOn.getTime() - b.startsOn.getTime() || a.number - b.number)[0] ?? null;
}

/** A position as stored: trimmed, inner whitespace collapsed. */
export function normalizePosition(position: string): string {
  return position.trim().replace(/\s+/g, " ");
}

/** Two spellings of the same position ("staff writer", "Staff Writer") group together. */
export function samePosition(a: string, b: string): boolean {
  return normalizePosition(a).toLocaleLowerCase("en") === normalizePosition(b).toLocaleLowerCase("en");
}

/** Entries grouped by position, in rank order; groups in the order their first entry appears. */
export function groupByPosition<E extends { position: string; rank: number }>(entries: readonly E[]): { position: string; entries: E[] }[] {
  const groups: { position: string; entries: E[] }[] = [];
  for (const entry of [...entries].sort((a, b) => a.rank - b.rank)) {
    const group = groups.find((g) => samePosition(g.position, entry.position));
    if (group) group.entries.push(entry);
    else groups.push({ position: normalizePosition(entry.position), entries: [entry] });
  }
  return groups;
}

/**
 * Where a new entry goes in a rank-ordered list: right after the last entry with the same
 * position (so a group stays together), else at the end. Returns the index to insert at.
 */
export function insertionIndex(entries: readonly { position: string }[], position: string): number {
  for (let i = entries.length - 1; i >= 0; i--) if (samePosition(entries[i]!.position, position)) return i + 1;
  return entries.length;
}

/** The list with the item at `index` moved one place up or down; unchanged at either end. */
export function moveItem<T>(items: readonly T[], index: number, direction: "up" | "down"): T[] {
  const target = direction === "up" ? index - 1 : index + 1;
  const out = [...items];
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return out;
  [out[index], out[target]] = [out[target]!, out[index]!];
  return out;
}

export type StaffRole = "WRITER" | "EDITOR" | "ADVISER" | "ADMIN";

/** The position "copy current staff" gives each role, in masthead order. */
export const POSITION_FOR_ROLE: Record<StaffRole, string> = {
  EDITOR: "Editor",
  WRITER: "Staff Writer",
  ADVISER: "Faculty Adviser",
  ADMIN: "Administrator",
};
export const COPY_ROLE_ORDER: readonly StaffRole[] = ["EDITOR", "WRITER", "ADVISER", "ADMIN"];

/** Positions offered as suggestions in the newsroom form (any text is allowed). */
export const COMMON_POSITIONS = [
  "Editor-in-Chief",
  "Managing Editor",
  "News Editor",
  "Features Editor",
  "Opinion Editor",
  "Sports Editor",
  "Arts Editor",
  "Copy Editor",
  "Photo Editor",
  "Staff Writer",
  "Photographer",
  "Faculty Adviser",
] as const;
