import { z } from "zod";
import { ZId } from "./article";

/*
 * Each schema accepts its own output too (a number, a Date, null), so parsing twice (the form's
 * action, then the use case) gives the same result, and a JSON caller may send a plain number.
 */

/** The message for a value that is neither of a union's types (nothing typed, say). */
const otherwise = (message: string) => ({ error: (issue: { code?: string }) => (issue.code === "invalid_union" ? message : undefined) });

/** A calendar day, "2027-08-01" (or a Date: its UTC day), as midnight UTC. */
const ZDate = z
  .union([z.date(), z.string()], otherwise("Choose a date."))
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date.").transform((d) => new Date(`${d}T00:00:00Z`)));

/** A form's number field: empty says what is missing, anything else must be a whole number. */
const wholeNumber = (missing: string, max: number) =>
  z
    .union([z.number(), z.string()], otherwise(missing))
    .transform(String)
    .pipe(
      z
        .string()
        .trim()
        .min(1, missing)
        .regex(/^\d+$/, "Enter a whole number, like 3.")
        .transform(Number)
        .pipe(z.number().int().min(1, "Numbers start at 1.").max(max, `That is more than ${max.toLocaleString("en-US")}.`)),
    );

export const ZVolume = z.object({
  number: wholeNumber("Enter the volume number.", 100_000),
  label: z.string().trim().min(1, "Name the volume, e.g. “Volume 15 (2027-28)”.").max(80),
  startsOn: ZDate,
  endsOn: ZDate,
});

export const ZIssue = z.object({
  volumeId: ZId,
  number: wholeNumber("Enter the issue number.", 1000),
  title: z.string().trim().min(1, "Title the issue, e.g. “December”.").max(80),
  /** Empty (or null) while the issue is being planned. */
  publishedOn: z.union([z.literal(""), z.null(), ZDate]).transform((v) => (v === "" ? null : v)),
});
