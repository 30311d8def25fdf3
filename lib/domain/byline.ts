/**
 * How a person's name and grade appear in public. PURE.
 * Invariant: every public surface (bylines, captions, author and staff pages, feeds, JSON-LD)
 * goes through `publicName`, so a student's display choice holds everywhere.
 */
export type NameDisplay = "FULL" | "FIRST_LAST_INITIAL" | "PEN_NAME";

export type BylinePerson = {
  fullName: string;
  penName: string | null;
  penNameApproved: boolean;
  nameDisplay: NameDisplay | null;
  graduationYear: number | null;
  title: string | null;
};

export function publicName(person: BylinePerson, publicationDefault: NameDisplay): string {
  const mode = person.nameDisplay ?? publicationDefault;
  if (mode === "PEN_NAME" && person.penName && person.penNameApproved) return person.penName;
  if (mode === "FIRST_LAST_INITIAL" || (mode === "PEN_NAME" && !(person.penName && person.penNameApproved))) {
    const parts = person.fullName.trim().split(/\s+/);
    if (parts.length < 2) return parts[0] ?? "";
    return `${parts.slice(0, -1).join(" ")} ${parts[parts.length - 1]!.charAt(0)}.`;
  }
  return person.fullName;
}

/**
 * The calendar year in which the school year containing `date` ends. With a start month of
 * August, 24 Nov 2026 is in the 2026-27 school year, which ends in 2027.
 */
export function schoolYearEnd(date: Date, startMonth: number): number {
  const month = date.getUTCMonth() + 1;
  return month >= startMonth ? date.getUTCFullYear() + 1 : date.getUTCFullYear();
}

/** "Grade 11" for a student graduating in 2028 during the 2026-27 school year; null otherwise. */
export function gradeLabel(graduationYear: number | null, date: Date, startMonth: number): string | null {
  if (graduationYear === null) return null;
  const grade = 12 - (graduationYear - schoolYearEnd(date, startMonth));
  if (grade < 6) return null;
  if (grade > 12) return `Class of ${graduationYear}`;
  return `Grade ${grade}`;
}

/** The graduation year that makes someone `grade` today, for seeding and forms. */
export function graduationYearForGrade(grade: number, date: Date, startMonth: number): number {
  return schoolYearEnd(date, startMonth) + (12 - grade);
}

/** What follows the name in a byline: a grade for students, a title for staff. */
export function bylineDetail(person: BylinePerson, date: Date, startMonth: number): string | null {
  return gradeLabel(person.graduationYear, date, startMonth) ?? person.title ?? null;
}
