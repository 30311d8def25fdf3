import { z } from "zod";
import type { ArticleStatus } from "@/lib/domain/workflow";
import { ZHeadline, ZId, ZSectionRef } from "./article";

/** Pitches and assignments (issue 6). Shared by the planning actions and any future API. */

// The pitch states and budget statuses are workflow facts: they live in lib/domain.
import { PITCH_STATUSES } from "@/lib/domain/pitch";
import { BUDGET_STATUSES } from "@/lib/domain/workflow";
export { PITCH_STATUSES, PITCH_STATUS_LABELS, type PitchStatus } from "@/lib/domain/pitch";
export { BUDGET_STATUSES } from "@/lib/domain/workflow";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const ZPitchCreate = z.object({
  title: z.string({ error: "Write a working headline." }).trim().min(1, "Write a working headline.").max(200, "Keep the working headline under 200 characters."),
  angle: z
    .string({ error: "Say what the story is and why it matters now." })
    .trim()
    .min(1, "Say what the story is and why it matters now.")
    .max(4000, "Keep the angle under 4,000 characters."),
  sources: z.string({ error: "Sources must be text." }).trim().max(4000, "Keep the sources under 4,000 characters.").optional().default(""),
  /** Section id or slug; empty means none. */
  section: ZSectionRef.optional().nullable(),
});
export type TPitchCreate = z.infer<typeof ZPitchCreate>;

/** Accept or reject; a rejection always explains itself to the pitcher. */
export const ZPitchDecision = z
  .object({
    pitchId: ZId,
    decision: z.enum(["accept", "reject"], { error: "Choose accept or reject." }),
    note: z.string({ error: "The note must be text." }).trim().max(2000, "Keep the note under 2,000 characters.").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && v.note === "") {
      ctx.addIssue({ code: "custom", path: ["note"], message: "Tell the pitcher why: a note is required to reject a pitch." });
    }
  });
export type TPitchDecision = z.infer<typeof ZPitchDecision>;

/** "2026-12-01T17:00", read as wall-clock time in the publication's time zone. */
export const ZLocalDateTime = z
  .string({ error: "Enter the deadline's date and time." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter the deadline's date and time.");

/** One id or many (repeated form fields); empty choices ("nobody") are dropped. */
const ZUserIds = (what: string, min: number) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((id) => !(typeof id === "string" && id.trim() === "")),
    z.array(ZId, { error: `Choose ${what} from the list.` }).min(min, `Name at least one ${what.replace(/s$/, "")}.`).max(6, `At most six ${what}.`),
  );

export const ZAssignmentCreate = z.object({
  /** The pitch this assignment comes from, if any. */
  pitchId: z.preprocess(emptyToUndefined, ZId.optional()),
  /** Empty means "use the pitch's working headline". */
  headline: z.preprocess(emptyToUndefined, ZHeadline.optional()),
  /** Writers in byline order: the first is the lead byline. */
  writerIds: ZUserIds("writers", 1),
  photographerIds: ZUserIds("photographers", 0),
  section: ZSectionRef.optional().nullable(),
  issueId: z.preprocess(emptyToUndefined, ZId.optional()),
  deadline: ZLocalDateTime,
  targetWords: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "Give the target length as a number of words." })
      .int("Give the target length as a whole number of words.")
      .min(50, "A target under 50 words is not a story.")
      .max(20000, "Keep the target under 20,000 words.")
      .optional(),
  ),
});
export type TAssignmentCreate = z.infer<typeof ZAssignmentCreate>;

export const ZPitchFilter = z.object({ status: z.enum(PITCH_STATUSES).optional() });

export const ZBudgetFilter = z.object({
  /** An issue id, or "none" for stories not placed in an issue. */
  issue: z.union([z.literal("none"), ZId]).optional(),
  section: z.string().trim().max(64).optional(),
  status: z.enum(BUDGET_STATUSES).optional(),
  sort: z.enum(["section", "deadline"]).optional().default("section"),
});
export type TBudgetFilter = z.infer<typeof ZBudgetFilter>;

/** ?month=2026-11 */
export const ZMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Give the month as YYYY-MM.")
  .refine((m) => {
    const y = Number(m.slice(0, 4));
    return y >= 2000 && y <= 2100;
  }, "Give a month between 2000 and 2100.");

/** A story assigned to the viewer, as the dashboard shows it. */
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
