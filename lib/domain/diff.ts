/** Word-level differences between two texts, for conflicts and revision comparisons. PURE. */
import { diffArrays, diffWordsWithSpace } from "diff";

export type DiffSegment = { kind: "same" | "added" | "removed"; text: string };

/** Segments that turn `before` into `after`: "removed" is only in before, "added" only in after. */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const segments: DiffSegment[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) last.text += part.value;
    else segments.push({ kind, text: part.value });
  }
  return segments;
}

/** Words added and removed, for "+12 −3" summaries; the caption's label (comparableText) is not the story's words. */
export function diffStats(segments: DiffSegment[]): { added: number; removed: number } {
  const words = (s: string) => (s.replaceAll(CAPTION_LABEL, " ").match(/\S+/g) ?? []).length;
  let added = 0;
  let removed = 0;
  for (const s of segments) {
    if (s.kind === "added") added += words(s.text);
    if (s.kind === "removed") removed += words(s.text);
  }
  return { added, removed };
}

/** What labels the story's own lead-image caption in a compared text (it is not part of the story's prose). */
export const CAPTION_LABEL = "Lead image caption:";

/**
 * The text a revision or a save is compared on: headline, dek, the story's own lead-image caption
 * (labelled, where readers see the photo) and body, one block each; empty parts are left out.
 */
export function comparableText(parts: { headline: string; dek: string; text: string; leadImageCaption?: string | null }): string {
  const caption = parts.leadImageCaption?.trim() ? `${CAPTION_LABEL} ${parts.leadImageCaption.trim()}` : "";
  return [parts.headline, parts.dek, caption, parts.text].filter((s) => s.trim().length > 0).join("\n\n");
}

/** True when two versions say the same thing (whitespace aside): no real conflict. */
export function sameContent(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  return norm(a) === norm(b);
}

/**
 * A change read sentence by sentence: unchanged text as it is; a sentence that changed as the
 * old sentence and the new one, each with its changed words marked inside (`words`: removed
 * words in `before`, added words in `after`); a sentence only on one side as a whole. Easier to
 * read than one run of interleaved words ("TAB ONETWO: TheOrganisers…").
 */
export type SentenceBlock =
  | { kind: "same"; text: string }
  | { kind: "changed"; before: DiffSegment[]; after: DiffSegment[] }
  | { kind: "removed"; text: string }
  | { kind: "added"; text: string };

/** Paragraph breaks (newline runs) and the sentences between them, spaces kept: joined, they are the text again. */
function sentenceTokens(text: string): string[] {
  const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  // The space after a sentence is a token of its own, so "Two." matches "Two. " before "Three.".
  return text
    .split(/(\n+)/)
    .flatMap((piece) => (piece.startsWith("\n") ? [piece] : [...segmenter.segment(piece)].flatMap((s) => s.segment.split(/(\s+)$/))))
    .filter((t) => t !== "");
}

export function sentenceDiff(before: string, after: string): SentenceBlock[] {
  // diffSentences finds no boundary at a paragraph break after a line with no full stop (a
  // headline), so the sentences are cut here, paragraph breaks included, and diffed as lists.
  const parts = diffArrays(sentenceTokens(before), sentenceTokens(after));
  const blocks: SentenceBlock[] = [];
  const changed = (a: string, b: string) => {
    // Only the spacing differs: nothing a reader would call a change.
    if (!a.trim() && !b.trim()) return void blocks.push({ kind: "same", text: b });
    const words = wordDiff(a, b);
    blocks.push({ kind: "changed", before: words.filter((w) => w.kind !== "added"), after: words.filter((w) => w.kind !== "removed") });
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      // Sentence for sentence where the counts match; else the changed run as one pair.
      if (part.value.length === next.value.length) part.value.forEach((old, k) => changed(old, next.value[k]!));
      else changed(part.value.join(""), next.value.join(""));
      i++;
    } else {
      blocks.push({ kind: part.added ? "added" : part.removed ? "removed" : "same", text: part.value.join("") });
    }
  }
  return blocks;
}
