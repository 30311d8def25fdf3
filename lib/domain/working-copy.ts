/**
 * The working copy of a live story (issue 11). PURE: no Prisma, no Next.
 *
 * A PUBLISHED or SCHEDULED story has two texts: the live one in the main columns (what readers,
 * feeds, search and the PDF see) and, once someone edits it, a working copy beside it. Rules:
 * - the editor and the API show the working copy (working copy ?? live);
 * - `pendingChanges` is true only while a working copy exists and differs from the live text;
 * - only publish_changes moves the working copy into the live text (lib/domain/workflow.ts).
 */
import type { JSONContent } from "@tiptap/core";
import { withoutSuggestions } from "@/lib/editor/suggestions";
import { withoutCommentMarks } from "./anchors";

export type LiveText = { headline: string; dek: string; bodyJson: string; bodyHtml: string; bodyText: string; wordCount: number };
export type WorkingCopyColumns = {
  draftHeadline: string | null;
  draftDek: string | null;
  draftBodyJson: string | null;
  draftBodyHtml: string | null;
  draftBodyText: string | null;
  draftWordCount: number | null;
};

/** The working copy as a whole text, or null when there is none (a partial one counts as none). */
export function workingCopyOf(row: WorkingCopyColumns): LiveText | null {
  const { draftHeadline, draftDek, draftBodyJson, draftBodyHtml, draftBodyText, draftWordCount } = row;
  if (draftHeadline === null || draftDek === null || draftBodyJson === null || draftBodyHtml === null || draftBodyText === null || draftWordCount === null) return null;
  return { headline: draftHeadline, dek: draftDek, bodyJson: draftBodyJson, bodyHtml: draftBodyHtml, bodyText: draftBodyText, wordCount: draftWordCount };
}

/** Reader HTML without the bare spans a comment anchor leaves in it (they show nothing). */
function readerMarkup(html: string): string {
  return html.replace(/<\/?span>/g, "");
}

/**
 * A `bodyHtml` (or `draftBodyHtml`) not rendered yet: saves store the document, text and word
 * count only, and the HTML is rendered from `bodyJson` when someone else is to see it (submit,
 * publish, publish changes, a view or API answer; lib/data/articles.ts withRenderedBody).
 */
export const UNRENDERED_HTML = "";

/** The body as readers would get it, as a comparable string: no comment marks, every suggestion rejected. */
function readerBody(bodyJson: string): string {
  try {
    return JSON.stringify(withoutSuggestions(withoutCommentMarks(JSON.parse(bodyJson) as JSONContent)));
  } catch {
    return bodyJson;
  }
}

/**
 * Two texts say the same to a reader: same headline, dek and body (comment anchors aside, and
 * suggestions, which readers never see). The rendered HTML decides when both sides have it;
 * otherwise the documents as readers would get them.
 */
export function sameText(a: Pick<LiveText, "headline" | "dek" | "bodyHtml" | "bodyJson">, b: Pick<LiveText, "headline" | "dek" | "bodyHtml" | "bodyJson">): boolean {
  if (a.headline !== b.headline || a.dek !== b.dek) return false;
  if (a.bodyHtml !== UNRENDERED_HTML && b.bodyHtml !== UNRENDERED_HTML) return readerMarkup(a.bodyHtml) === readerMarkup(b.bodyHtml);
  return readerBody(a.bodyJson) === readerBody(b.bodyJson);
}

/** A working copy exists and readers would see something different if it were published. */
export function hasPendingChanges(row: LiveText & WorkingCopyColumns): boolean {
  const draft = workingCopyOf(row);
  return draft !== null && !sameText(draft, row);
}

/** What the editor works on: the working copy when there is one, else the live text. */
export function currentText(row: LiveText & WorkingCopyColumns): LiveText {
  return workingCopyOf(row) ?? { headline: row.headline, dek: row.dek, bodyJson: row.bodyJson, bodyHtml: row.bodyHtml, bodyText: row.bodyText, wordCount: row.wordCount };
}

/** The columns that store `text` as the working copy (null text: no working copy). */
export function workingCopyColumns(text: LiveText | null): WorkingCopyColumns {
  return {
    draftHeadline: text?.headline ?? null,
    draftDek: text?.dek ?? null,
    draftBodyJson: text?.bodyJson ?? null,
    draftBodyHtml: text?.bodyHtml ?? null,
    draftBodyText: text?.bodyText ?? null,
    draftWordCount: text?.wordCount ?? null,
  };
}

/** The working copy written into the live columns (publish_changes; a fold when it leaves the site). */
export function liveColumnsFrom(text: LiveText): LiveText {
  return { headline: text.headline, dek: text.dek, bodyJson: text.bodyJson, bodyHtml: text.bodyHtml, bodyText: text.bodyText, wordCount: text.wordCount };
}
