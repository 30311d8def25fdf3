/**
 * The demo newsroom's calendar, relative to today like the demo students' grades: Volume 14 is
 * the current school year and Volume 13 the one before, in which the graduate Yuna Choi was a
 * senior. PURE (no Prisma), so the seed and the end-to-end tests derive the same labels.
 */
import { schoolYearEnd } from "../../lib/domain/byline";
import { schoolYearDates, schoolYearName } from "../../lib/domain/masthead";

/** The schema's default start month (August), which the demo publication keeps. */
export const DEMO_SCHOOL_YEAR_START_MONTH = 8;

/** The volume of the current school year. */
export const DEMO_CURRENT_VOLUME = 14;

type When = { now?: Date; startMonth?: number };

export type DemoVolume = {
  number: number;
  label: string;
  startsOn: Date;
  endsOn: Date;
  /** "2026-27" */
  schoolYear: string;
  /** The graduation year of that school year's seniors (schoolYearEnd in lib/domain/byline.ts). */
  endYear: number;
};

/** Volume `number` of the demo: Volume 14 is the school year containing `now`, 13 the one before. */
export function demoVolume(number: number, { now = new Date(), startMonth = DEMO_SCHOOL_YEAR_START_MONTH }: When = {}): DemoVolume {
  const endYear = schoolYearEnd(now, startMonth) - (DEMO_CURRENT_VOLUME - number);
  const schoolYear = schoolYearName(endYear, startMonth);
  return { number, label: `Volume ${number} (${schoolYear})`, schoolYear, endYear, ...schoolYearDates(endYear, startMonth) };
}

/** The number of the demo volume whose school year contains `date`. */
export function demoVolumeNumberAt(date: Date, { now = new Date(), startMonth = DEMO_SCHOOL_YEAR_START_MONTH }: When = {}): number {
  return DEMO_CURRENT_VOLUME - (schoolYearEnd(now, startMonth) - schoolYearEnd(date, startMonth));
}

/** The year the first volume began, for the tagline ("since 2013" when Volume 14 is 2026-27). */
export function demoFoundingYear(when: When = {}): number {
  return demoVolume(1, when).startsOn.getUTCFullYear();
}

/** Yuna Choi edited the Gazette in Volume 13 and graduated when that school year ended; her login is deactivated. */
export function demoGraduate(when: When = {}) {
  const volume = demoVolume(DEMO_CURRENT_VOLUME - 1, when);
  return {
    email: "yuna.choi@demo.test",
    fullName: "Yuna Choi",
    slug: "yuna-choi",
    graduationYear: volume.endYear,
    volume,
  } as const;
}
