import { z } from "zod";
import { ARTICLE_STATUSES } from "@/lib/domain/workflow";
import { TRANSITIONS } from "@/lib/domain/workflow";
import { ZMediaCaption } from "./media";

/** Bodies arrive as HTML (from the editor or the API) and are re-parsed into the story schema. */
export const MAX_BODY_CHARS = 200_000;

export const ZId = z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i, "Malformed id.");

/**
 * Characters that show nothing yet change what readers, feeds and search see: control
 * characters (NUL, escape...), bidi embeddings, overrides and isolates (text that reads in one
 * order and is stored in another), and zero-width spaces, word joiners and byte-order marks.
 * Refused with a message rather than stripped silently, so the writer sees what was pasted.
 * Left-to-right and right-to-left *marks* stay (mixed Arabic or Hebrew and digits need them).
 */
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u180E\u200B\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
/**
 * A zero-width joiner or non-joiner is text, not a trick, between two letters (Persian,
 * Devanagari, Malayalam need them) or inside an emoji sequence (👩‍💻, 🏳️‍🌈); anywhere else
 * (at an edge, next to a space or a digit, doubled) it is refused like the characters above.
 */
const STRAY_JOINER = /(?<![\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{Extended_Pictographic}])/u;

/** True when `text` holds a character INVISIBLE names, or a joiner outside a word or emoji. */
export function hasInvisibleCharacters(text: string): boolean {
  return INVISIBLE.test(text) || STRAY_JOINER.test(text);
}

export const INVISIBLE_MESSAGES = {
  headline: "The headline contains invisible characters (control, text-direction or zero-width characters). Retype it or paste it as plain text.",
  tag: "A tag contains invisible characters (control, text-direction or zero-width characters). Retype it.",
} as const;

export const ZHeadline = z
  .string({ error: "Write a headline." })
  .trim()
  .min(1, "Write a headline.")
  .max(200, "Keep the headline under 200 characters.")
  .refine((text) => !hasInvisibleCharacters(text), INVISIBLE_MESSAGES.headline);
export const ZDek = z.string({ error: "The dek must be text." }).trim().max(400, "Keep the dek under 400 characters.");
export const ZBody = z
  .string({ error: "The body must be text (HTML)." })
  .max(MAX_BODY_CHARS, `The body is too long (over ${MAX_BODY_CHARS.toLocaleString("en")} characters).`);
/** A section by slug (API) or id (forms); empty means none. */
export const ZSectionRef = z.string().trim().max(64, "Unknown section.");

export const ZTags = z
  .array(
    z
      .string({ error: "Tags must be text." })
      .trim()
      .min(1, "A tag cannot be empty.")
      .max(40, "Keep each tag under 40 characters.")
      .refine((text) => !hasInvisibleCharacters(text), INVISIBLE_MESSAGES.tag),
  )
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

/** How long `value` is as JSON (0 when absent), or null when it is not JSON at all. */
function jsonLength(value: unknown): number | null {
  if (value === undefined) return 0;
  try {
    return JSON.stringify(value)?.length ?? null;
  } catch {
    return null;
  }
}

export const ZArticleUpdate = z.object({
  headline: ZHeadline.optional(),
  dek: ZDek.optional(),
  body: ZBody.optional(),
  /** The body as the editor's ProseMirror document; checked against the story schema (lib/editor/body-doc.ts). */
  bodyJson: z
    .unknown()
    .optional(),
  section: ZSectionRef.optional().nullable(),
  coAuthorIds: z.array(ZId).max(10, "At most ten co-authors.").optional(),
  tags: ZTags.optional(),
  leadImageId: ZId.nullable().optional(),
  /** This story's own caption for its lead image; null or "" goes back to the library's caption. */
  leadImageCaption: ZMediaCaption.nullable().optional(),
  version: z.coerce
    .number({ error: "Send the version your edit is based on." })
    .int("The version must be a whole number.")
    .min(1, "The version must be a whole number.")
    .max(Number.MAX_SAFE_INTEGER),
}).superRefine(({ bodyJson }, ctx) => {
  // Reported on the body field, where the editor shows a body's errors.
  const length = jsonLength(bodyJson);
  if (length === null) ctx.addIssue({ code: "custom", path: ["body"], message: "The body document must be plain JSON." });
  else if (length > MAX_BODY_CHARS * 2) ctx.addIssue({ code: "custom", path: ["body"], message: `The body is too long (over ${MAX_BODY_CHARS.toLocaleString("en")} characters).` });
});
export type TArticleUpdate = z.infer<typeof ZArticleUpdate>;

export const ZTransition = z.object({
  action: z.enum(TRANSITIONS, { error: `The action must be one of: ${TRANSITIONS.join(", ")}.` }),
  note: z.string({ error: "The note must be text." }).trim().max(5000, "Keep the note under 5,000 characters.").optional(),
  publishAt: z.iso
    .datetime({ offset: true, error: "Give the publish time as an ISO 8601 date-time, e.g. 2026-12-01T08:00:00+09:00." })
    .optional()
    .nullable(),
  /** Go ahead although suggestions are still open (a form sends "true"). */
  confirmOpenSuggestions: z
    .union([z.boolean(), z.enum(["true", "false", "on"])], { error: "confirmOpenSuggestions must be true or false." })
    .optional()
    .transform((v) => v === true || v === "true" || v === "on"),
});
export type TTransition = z.infer<typeof ZTransition>;

export const ZArticleFilter = z.object({
  status: z.enum(ARTICLE_STATUSES).optional(),
  section: z.string().trim().max(64).optional(),
});
export type TArticleFilter = z.infer<typeof ZArticleFilter>;

/** GET /api/v1/articles: the filter, plus `?cursor=` (a previous page's nextCursor) and `?limit=`. */
export const ZArticleListQuery = ZArticleFilter.extend({
  cursor: z.string().min(1, "The cursor is empty: leave it out to start at the newest.").max(200, "This is not a cursor from this list.").optional(),
  limit: z.coerce.number({ error: "The limit must be a whole number from 1 to 200." }).int("The limit must be a whole number from 1 to 200.").min(1, "The limit must be a whole number from 1 to 200.").max(200, "The limit must be a whole number from 1 to 200.").optional(),
});
