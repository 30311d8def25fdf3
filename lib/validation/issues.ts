import { z } from "zod";
import { ZId } from "./article";

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date.").transform((d) => new Date(`${d}T00:00:00Z`));

/** A form's number field: empty says what is missing, anything else must be a whole number. */
const wholeNumber = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(/^\d+$/, "Enter a whole number, like 3.")
    .transform(Number)
    .pipe(z.number().int().min(1, "Numbers start at 1.").max(max, `That is more than ${max.toLocaleString("en-US")}.`));

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
  publishedOn: z.union([z.literal(""), ZDate]).transform((v) => (v === "" ? null : v)),
});
