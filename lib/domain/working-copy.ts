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

/**
 * The working-copy column that holds each live text column: the one list of them (the working
 * copy, publish_changes and the takedown scrub all read it). A new text column goes here.
 */
export const WORKING_COPY_TEXT_COLUMNS = {
  headline: "draftHeadline",
  dek: "draftDek",
  bodyJson: "draftBodyJson",
  bodyHtml: "draftBodyHtml",
  bodyText: "draftBodyText",
  wordCount: "draftWordCount",
} as const;
/** The bodies among them: editor JSON with the HTML, text and word count rendered from it. */
export const BODY_COLUMN_SETS = [
  { json: "bodyJson", html: "bodyHtml", text: "bodyText", words: "wordCount" },
  { json: WORKING_COPY_TEXT_COLUMNS.bodyJson, html: WORKING_COPY_TEXT_COLUMNS.bodyHtml, text: WORKING_COPY_TEXT_COLUMNS.bodyText, words: WORKING_COPY_TEXT_COLUMNS.wordCount },
] as const;
/** The plain text columns, live and working copy (the story's own lead-image caption is one: a takedown scrubs it). */
export const PLAIN_TEXT_COLUMNS = ["headline", "dek", WORKING_COPY_TEXT_COLUMNS.headline, WORKING_COPY_TEXT_COLUMNS.dek, "leadImageCaption", "draftLeadImageCaption"] as const;

export type LiveText = { headline: string; dek: string; bodyJson: string; bodyHtml: string; bodyText: string; wordCount: number };
export type WorkingCopyColumns = {
  draftHeadline: string | null;
  draftDek: string | null;
  draftBodyJson: string | null;
  draftBodyHtml: string | null;
  draftBodyText: string | null;
  draftWordCount: number | null;
};

const TEXT_KEYS = Object.keys(WORKING_COPY_TEXT_COLUMNS) as (keyof LiveText)[];

/** The working copy as a whole text, or null when there is none (a partial one counts as none). */
export function workingCopyOf(row: WorkingCopyColumns): LiveText | null {
  if (TEXT_KEYS.some((key) => row[WORKING_COPY_TEXT_COLUMNS[key]] === null)) return null;
  return Object.fromEntries(TEXT_KEYS.map((key) => [key, row[WORKING_COPY_TEXT_COLUMNS[key]]])) as LiveText;
}

/**
 * What a story shows beside its text: section, lead image (its alt and credit come with it),
 * the story's own caption for that image (null: the library's caption), tags and bylines. A live
 * story's working copy holds its own, whole while the working copy exists (copied from the live
 * story when it starts).
 */
export type Beside = { sectionId: string | null; leadImageId: string | null; leadImageCaption: string | null; tagSlugs: string[]; authorIds: string[] };
export type BesideRow = {
  sectionId: string | null;
  leadImageId: string | null;
  leadImageCaption: string | null;
  tags: readonly { tag: { slug: string } }[];
  authors: readonly { person: { id: string } }[];
  draftSectionId: string | null;
  draftLeadImageId: string | null;
  draftLeadImageCaption: string | null;
  draftTags: readonly { tag: { slug: string } }[];
  draftAuthors: readonly { person: { id: string } }[];
};

export function liveBeside(row: BesideRow): Beside {
  return { sectionId: row.sectionId, leadImageId: row.leadImageId, leadImageCaption: row.leadImageCaption, tagSlugs: row.tags.map((t) => t.tag.slug), authorIds: row.authors.map((a) => a.person.id) };
}

/** The working copy's beside-text, or the live one when there is no working copy. */
export function currentBeside(row: BesideRow & WorkingCopyColumns): Beside {
  if (!workingCopyOf(row)) return liveBeside(row);
  return { sectionId: row.draftSectionId, leadImageId: row.draftLeadImageId, leadImageCaption: row.draftLeadImageCaption, tagSlugs: row.draftTags.map((t) => t.tag.slug), authorIds: row.draftAuthors.map((a) => a.person.id) };
}

/** Same section, lead image and caption, set of tags and bylines in the same order. */
export function sameBeside(a: Beside, b: Beside): boolean {
  const tags = (x: Beside) => [...x.tagSlugs].sort().join(" ");
  return a.sectionId === b.sectionId && a.leadImageId === b.leadImageId && a.leadImageCaption === b.leadImageCaption && tags(a) === tags(b) && a.authorIds.join(" ") === b.authorIds.join(" ");
}

/** The lead image and the story's own caption for it. */
export type LeadImageWithCaption = { leadImageId: string | null; leadImageCaption: string | null };

/** What the editor works on beside the text: the working copy's lead image and caption while there is one, else the live ones. */
export function currentLeadImage(row: WorkingCopyColumns & LeadImageWithCaption & { draftLeadImageId: string | null; draftLeadImageCaption: string | null }): LeadImageWithCaption {
  return workingCopyOf(row) ? { leadImageId: row.draftLeadImageId, leadImageCaption: row.draftLeadImageCaption } : { leadImageId: row.leadImageId, leadImageCaption: row.leadImageCaption };
}

/**
 * The caption a restore of `revision` sends (undefined: the story keeps its own). The revision's
 * caption comes back only when the story still has the photo it was written for: a caption says
 * what one photo shows, and a restore brings back text, never the photo. null there means the
 * revision had no caption of its own, and the restored story has none either (the library's shows).
 * A revision from before captions were recorded names no photo, so it leaves the caption as it is.
 */
export function restoredLeadImageCaption(revision: LeadImageWithCaption, story: LeadImageWithCaption): string | null | undefined {
  if (revision.leadImageId === null || revision.leadImageId !== story.leadImageId) return undefined;
  return revision.leadImageCaption;
}

/**
 * The story's own caption after a save: what the save sends ("" or null: the library's), else
 * the one it has while the photo stays; none once the photo changes or goes.
 */
export function nextLeadImageCaption(now: { leadImageId: string | null; leadImageCaption: string | null }, leadImageId: string | null, sent: string | null | undefined): string | null {
  if (leadImageId === null) return null;
  if (sent !== undefined) return sent || null;
  return leadImageId === now.leadImageId ? now.leadImageCaption : null;
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

/**
 * A working copy exists and readers would see something different if it were published: its
 * text, or what it shows beside the text (when the row carries that).
 */
export function hasPendingChanges(row: LiveText & WorkingCopyColumns & Partial<BesideRow>): boolean {
  const draft = workingCopyOf(row);
  if (draft === null) return false;
  if (!sameText(draft, row)) return true;
  return isBesideRow(row) && !sameBeside(currentBeside(row), liveBeside(row));
}

function isBesideRow(row: Partial<BesideRow>): row is BesideRow {
  return row.tags !== undefined && row.authors !== undefined && row.draftTags !== undefined && row.draftAuthors !== undefined && row.draftSectionId !== undefined && row.draftLeadImageId !== undefined && row.draftLeadImageCaption !== undefined;
}

/** What the editor works on: the working copy when there is one, else the live text. */
export function currentText(row: LiveText & WorkingCopyColumns): LiveText {
  return workingCopyOf(row) ?? { headline: row.headline, dek: row.dek, bodyJson: row.bodyJson, bodyHtml: row.bodyHtml, bodyText: row.bodyText, wordCount: row.wordCount };
}

/** The columns that store `text` as the working copy (null text: no working copy). */
export function workingCopyColumns(text: LiveText | null): WorkingCopyColumns {
  return Object.fromEntries(TEXT_KEYS.map((key) => [WORKING_COPY_TEXT_COLUMNS[key], text?.[key] ?? null])) as WorkingCopyColumns;
}

/** The working copy written into the live columns (publish_changes; a fold when it leaves the site). */
export function liveColumnsFrom(text: LiveText): LiveText {
  return { headline: text.headline, dek: text.dek, bodyJson: text.bodyJson, bodyHtml: text.bodyHtml, bodyText: text.bodyText, wordCount: text.wordCount };
}
