/**
 * Comment anchors, stored beside the story rather than inside its body. PURE.
 *
 * An anchor is a W3C Web Annotation pair of selectors over the story's *anchor text* (see
 * `anchorText`): a TextQuoteSelector (`exact`, with up to 32 characters of `prefix` and
 * `suffix`) and a TextPositionSelector (`start`, `end`). `resolveAnchor` re-finds one in a new
 * text the way Hypothesis does: the position if the quote is still there, else the best exact
 * occurrence (context first, then nearness), else an approximate match (approx-string-match,
 * Myers' bit-vector algorithm) for a passage that was edited. It answers null ("on deleted
 * text") only when nothing close enough is left.
 */
import search from "approx-string-match";

export const CONTEXT_CHARS = 32;

export type TextAnchor = { exact: string; prefix: string; suffix: string; start: number; end: number };
export type TextRange = { start: number; end: number };

type JsonNode = { type?: string; text?: string; attrs?: Record<string, unknown>; marks?: { type: string; attrs?: Record<string, unknown> }[]; content?: JsonNode[] };

/** Nodes without content in the story schema: each takes one ProseMirror position and no text but the break's newline. */
const LEAF_TYPES = new Set(["hardBreak", "figure", "image", "horizontalRule", "docxImageSlot"]);
const TEXT_BLOCKS = new Set(["paragraph", "heading"]);

/** A run of the anchor text and where it sits in the ProseMirror document. */
export type TextSegment = { offset: number; pos: number; length: number };

export type AnchorText = {
  text: string;
  /** Runs of text in document order; the blank line after a block belongs to no run. */
  segments: TextSegment[];
  /** Text ranges of the legacy comment marks (`{type: "comment", attrs: {commentId}}`), by comment id. */
  marked: Map<string, TextRange>;
};

/**
 * The story's plain text as anchors count it: text nodes as they are, a line break as "\n", a
 * blank line after every paragraph and heading (as `bodyText`, before its trim). Also returns
 * the ProseMirror position of every run, so the editor can turn offsets into positions, and the
 * ranges of legacy comment marks, so old stories' anchors can be lifted out of the body.
 */
export function anchorText(doc: JsonNode, isLeaf: (type: string) => boolean = (t) => LEAF_TYPES.has(t)): AnchorText {
  let text = "";
  const segments: TextSegment[] = [];
  const marked = new Map<string, TextRange>();
  const walk = (node: JsonNode, pos: number): number => {
    if (node.type === "text") {
      const t = node.text ?? "";
      segments.push({ offset: text.length, pos, length: t.length });
      for (const mark of node.marks ?? []) {
        const id = mark.type === "comment" ? mark.attrs?.commentId : undefined;
        if (typeof id !== "string" || !id) continue;
        const seen = marked.get(id);
        marked.set(id, { start: seen?.start ?? text.length, end: text.length + t.length });
      }
      text += t;
      return pos + t.length;
    }
    if (node.type && isLeaf(node.type)) {
      if (node.type === "hardBreak") {
        segments.push({ offset: text.length, pos, length: 1 });
        text += "\n";
      }
      return pos + 1;
    }
    let inner = pos + 1;
    for (const child of node.content ?? []) inner = walk(child, inner);
    if (TEXT_BLOCKS.has(node.type ?? "")) text += "\n\n";
    return inner + 1;
  };
  // The doc node itself has no opening position: its content starts at 0.
  let pos = 0;
  for (const child of doc.content ?? []) pos = walk(child, pos);
  return { text, segments, marked };
}

/** The ProseMirror position of a text offset (an offset in a blank line goes to the next run). */
export function offsetToPos(segments: readonly TextSegment[], offset: number, side: "start" | "end"): number | null {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const inside = side === "start" ? offset >= s.offset && offset < s.offset + s.length : offset > s.offset && offset <= s.offset + s.length;
    if (inside) return s.pos + (offset - s.offset);
    if (side === "start" && offset < s.offset) return s.pos;
    if (side === "end" && offset <= s.offset) return i > 0 ? segments[i - 1]!.pos + segments[i - 1]!.length : null;
  }
  return side === "end" && segments.length > 0 ? segments.at(-1)!.pos + segments.at(-1)!.length : null;
}

/** The text offset of a ProseMirror position (a position between runs goes to the next run). */
export function posToOffset(segments: readonly TextSegment[], pos: number): number {
  for (const s of segments) {
    if (pos <= s.pos) return s.offset;
    if (pos <= s.pos + s.length) return s.offset + (pos - s.pos);
  }
  const last = segments.at(-1);
  return last ? last.offset + last.length : 0;
}

/** The selectors for `text[start, end)`. */
export function anchorFor(text: string, start: number, end: number): TextAnchor {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
    start,
    end,
  };
}

/** Characters the two strings share at their ends (`atEnd`) or starts. */
function sharedLength(a: string, b: string, atEnd: boolean): number {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && (atEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])) n++;
  return n;
}

/**
 * How well a candidate range fits the anchor: matching context weighs most (it is what tells
 * two identical quotes apart), then fewer errors in the quote, then nearness to the old place.
 */
function score(anchor: TextAnchor, text: string, range: TextRange, errors: number): number {
  const before = text.slice(Math.max(0, range.start - anchor.prefix.length), range.start);
  const after = text.slice(range.end, range.end + anchor.suffix.length);
  const context = sharedLength(before, anchor.prefix, true) + sharedLength(after, anchor.suffix, false);
  const distance = Math.abs(range.start - anchor.start) / Math.max(1, text.length);
  return context * 2 - errors * 4 - distance;
}

/** Every occurrence of `needle` in `text`. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/**
 * Where the anchor's passage is in `text` now, or null when it is gone. An edit inside a
 * passage of 8 characters or more keeps it anchored while at most a quarter of it changed.
 */
export function resolveAnchor(anchor: TextAnchor, text: string): TextRange | null {
  const { exact } = anchor;
  if (!exact) return null;
  if (text.slice(anchor.start, anchor.end) === exact) return { start: anchor.start, end: anchor.end };
  const exactHits = occurrences(text, exact).map((start) => ({ range: { start, end: start + exact.length }, errors: 0 }));
  if (exactHits.length > 0) return best(anchor, text, exactHits);
  if (exact.length < 8) return null;
  const near = search(text, exact, Math.floor(exact.length / 4)).map((m) => ({ range: { start: m.start, end: m.end }, errors: m.errors }));
  return near.length > 0 ? best(anchor, text, near) : null;
}

function best(anchor: TextAnchor, text: string, candidates: { range: TextRange; errors: number }[]): TextRange {
  let top = candidates[0]!;
  let topScore = score(anchor, text, top.range, top.errors);
  for (const c of candidates.slice(1)) {
    const s = score(anchor, text, c.range, c.errors);
    if (s > topScore) [top, topScore] = [c, s];
  }
  return top.range;
}

/** The anchor moved to where it was found in `text`, with fresh context; null when it is gone. */
export function reanchor(anchor: TextAnchor, text: string): TextAnchor | null {
  const range = resolveAnchor(anchor, text);
  return range ? anchorFor(text, range.start, range.end) : null;
}

/** The first place `quote` appears in `text` as an anchor (an API client that sent only a quote). */
export function anchorForQuote(text: string, quote: string): TextAnchor | null {
  const start = quote ? text.indexOf(quote) : -1;
  return start === -1 ? null : anchorFor(text, start, start + quote.length);
}

/** The body without legacy comment marks (anchors used to live in the text; now they never do). */
export function withoutCommentMarks<T extends JsonNode>(doc: T): T {
  const walk = (node: JsonNode): JsonNode => {
    const marks = node.marks?.filter((m) => m.type !== "comment");
    const { marks: _marks, content, ...rest } = node;
    return {
      ...rest,
      ...(marks && marks.length > 0 ? { marks } : {}),
      ...(content ? { content: content.map(walk) } : {}),
    };
  };
  return walk(doc) as T;
}
