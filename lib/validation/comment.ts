import { z } from "zod";

export const ZCommentCreate = z.object({
  body: z.string({ error: "Write a comment." }).trim().min(1, "Write a comment.").max(5000, "Keep comments under 5,000 characters."),
  kind: z.enum(["COACHING", "REQUIRED"], { error: "A comment is COACHING or REQUIRED." }).default("COACHING"),
  quote: z.string().trim().max(2000, "Quote less text (under 2,000 characters).").optional().nullable(),
  /**
   * Where the quote sits in the story's anchor text (lib/domain/anchors.ts), as the editor saw it:
   * W3C Web Annotation TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector (start,
   * end). Without it, a quote is anchored at its first occurrence in the saved text.
   */
  anchor: z
    .object({
      exact: z.string().min(1, "Select some text.").max(2000, "Quote less text (under 2,000 characters)."),
      prefix: z.string().max(64).default(""),
      suffix: z.string().max(64).default(""),
      start: z.number().int().min(0).max(10_000_000),
      end: z.number().int().min(0).max(10_000_000),
    })
    .refine((a) => a.end - a.start === a.exact.length, "The anchor's position does not match its text.")
    .optional()
    .nullable(),
  parentId: z.string().trim().min(1).max(64).optional().nullable(),
  /**
   * Client-chosen id, so the editor can show the anchor before the server answers: `c` and
   * 20 to 40 hex digits (the editor sends 96 random bits), so nobody can guess one in use.
   */
  id: z.string().regex(/^c[0-9a-f]{20,40}$/, "Malformed comment id.").optional(),
});
export type TCommentCreate = z.infer<typeof ZCommentCreate>;

export const ZCommentResolve = z.object({ resolved: z.boolean({ error: "resolved must be true or false." }).default(true) });
