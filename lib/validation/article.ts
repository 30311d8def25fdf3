import { z } from "zod";
import { ARTICLE_STATUSES } from "@/lib/domain/workflow";
import { TRANSITIONS } from "@/lib/domain/workflow";

/** Bodies arrive as HTML (from the editor or the API) and are re-parsed into the story schema. */
export const MAX_BODY_CHARS = 200_000;

export const ZId = z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i, "Malformed id.");

export const ZHeadline = z
  .string({ error: "Write a headline." })
  .trim()
  .min(1, "Write a headline.")
  .max(200, "Keep the headline under 200 characters.");
export const ZDek = z.string({ error: "The dek must be text." }).trim().max(400, "Keep the dek under 400 characters.");
export const ZBody = z
  .string({ error: "The body must be text (HTML)." })
  .max(MAX_BODY_CHARS, `The body is too long (over ${MAX_BODY_CHARS.toLocaleString("en")} characters).`);
/** A section by slug (API) or id (forms); empty means none. */
export const ZSectionRef = z.string().trim().max(64, "Unknown section.");

export const ZTags = z
  .array(z.string({ error: "Tags must be text." }).trim().min(1, "A tag cannot be empty.").max(40, "Keep each tag under 40 characters."))
  .max(12, "At most twelve tags.");

export const ZArticleCreate = z.object({
  headline: ZHeadline,
  dek: ZDek.optional().default(""),
  body: ZBody.optional().default(""),
  section: ZSectionRef.optional().nullable(),
  coAuthorIds: z.array(ZId).max(10, "At most ten co-authors.").optional(),
  tags: ZTags.optional(),
});
export type TArticleCreate = z.infer<typeof ZArticleCreate>;

export const ZArticleUpdate = z.object({
  headline: ZHeadline.optional(),
  dek: ZDek.optional(),
  body: ZBody.optional(),
  section: ZSectionRef.optional().nullable(),
  coAuthorIds: z.array(ZId).max(10, "At most ten co-authors.").optional(),
  tags: ZTags.optional(),
  leadImageId: ZId.nullable().optional(),
  version: z.coerce
    .number({ error: "Send the version your edit is based on." })
    .int("The version must be a whole number.")
    .min(1, "The version must be a whole number.")
    .max(Number.MAX_SAFE_INTEGER),
});
export type TArticleUpdate = z.infer<typeof ZArticleUpdate>;

export const ZTransition = z.object({
  action: z.enum(TRANSITIONS, { error: `The action must be one of: ${TRANSITIONS.join(", ")}.` }),
  note: z.string({ error: "The note must be text." }).trim().max(5000, "Keep the note under 5,000 characters.").optional(),
  publishAt: z.iso
    .datetime({ offset: true, error: "Give the publish time as an ISO 8601 date-time, e.g. 2026-12-01T08:00:00+09:00." })
    .optional()
    .nullable(),
});
export type TTransition = z.infer<typeof ZTransition>;

export const ZArticleFilter = z.object({
  status: z.enum(ARTICLE_STATUSES).optional(),
  section: z.string().trim().max(64).optional(),
});
export type TArticleFilter = z.infer<typeof ZArticleFilter>;
