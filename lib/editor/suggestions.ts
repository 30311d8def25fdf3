/**
 * Suggestions over a stored story body (the editor's JSON), for the server and the browser alike:
 * list them, accept or reject one (the package's own commands, run on an EditorState without a
 * view), and the text as readers see it (every suggestion rejected). Pure: no I/O.
 */
import { applySuggestions, revertSuggestions } from "@handlewithcare/prosemirror-suggest-changes";
import { getSchema, type JSONContent } from "@tiptap/core";
import { type Mark, Node as PMNode, type Schema } from "@tiptap/pm/model";
import { type Command, EditorState, type Transaction } from "@tiptap/pm/state";
import { storyExtensions } from "./extensions";
import { SUGGESTION_MARKS } from "./suggestion-marks";

/** The package marks paragraph joins and splits with zero-width spaces; readers never see them. */
const ZWSP = /\u200B/g;

export type SuggestionKind = "insert" | "delete" | "replace" | "format";
export type SuggestionSummary = {
  id: string;
  kind: SuggestionKind;
  /** The text it adds (insert, replace) */
  inserted: string;
  /** The text it removes (delete, replace) */
  deleted: string;
  /** One line for lists and history: `"new"`, `"old"` or `"old" → "new"`. */
  text: string;
  author: { id: string | null; name: string | null };
  createdAt: string | null;
  /**
   * A structural suggestion's block: what it makes (`name`: "subheading", "bulleted list", "quote"; `type`: the
   * schema's node type) and the text the block holds, cut short. Null for a text edit.
   */
  block: { type: string; name: string; text: string; count?: number } | null;
};

/** A block as the toolbar names it, so a suggestion reads "Make “…” a subheading". */
export function blockName(type: string, attrs?: Record<string, unknown> | null): string {
  if (type === "heading") return attrs?.level === 3 ? "small subheading" : "subheading";
  const names: Record<string, string> = {
    paragraph: "paragraph",
    bulletList: "bulleted list",
    orderedList: "numbered list",
    listItem: "list item",
    blockquote: "quote",
    table: "table",
    tableRow: "table row",
    tableCell: "table cell",
    tableHeader: "table heading cell",
    figure: "photo",
  };
  return names[type] ?? type;
}

/** A block's text for one line, cut at a word near 60 characters. */
function blockText(node: JSONContent): string {
  return cutText(docText(node));
}

function cutText(raw: string): string {
  const text = raw.replace(ZWSP, "").replace(/\s+/g, " ").trim();
  if (text.length <= 60) return text;
  // The space just after the 60th character still counts as a word's end.
  const space = text.slice(0, 61).lastIndexOf(" ");
  return `${text.slice(0, space > 30 ? space : 60)}…`;
}

function docText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  return (node.content ?? []).map(docText).join(" ");
}

type BlockMark = { mark: string; type: string; attrs: Record<string, unknown> | null; text: string };
export type SuggestionDecision = "accept" | "reject";

let schema: Schema | null = null;
function storySchema(): Schema {
  schema ??= getSchema(storyExtensions);
  return schema;
}

const isSuggestionMark = (type?: string) => (SUGGESTION_MARKS as readonly string[]).includes(type ?? "");

/** True when the body has any suggestion mark (a cheap walk over the JSON). */
export function hasSuggestions(json: JSONContent): boolean {
  if (json.marks?.some((m) => isSuggestionMark(m.type))) return true;
  return (json.content ?? []).some(hasSuggestions);
}

/** The open suggestions in document order, one per id (a replacement is one deletion and one insertion sharing an id). */
export function listSuggestions(json: JSONContent): SuggestionSummary[] {
  const byId = new Map<string, { inserted: string[]; deleted: string[]; format: boolean; blocks: BlockMark[]; authorId: string | null; authorName: string | null; createdAt: string | null }>();
  // `within`: the suggestions whose own block holds this node (a list suggested in a table cell marks its text too).
  const visit = (node: JSONContent, within: ReadonlySet<string>) => {
    const inner = new Set(within);
    for (const mark of node.marks ?? []) {
      if (!isSuggestionMark(mark.type)) continue;
      const attrs = (mark.attrs ?? {}) as Record<string, unknown>;
      const id = attrs.id === null || attrs.id === undefined ? null : String(attrs.id);
      if (!id) continue;
      const entry = byId.get(id) ?? { inserted: [], deleted: [], format: false, blocks: [], authorId: null, authorName: null, createdAt: null };
      const text = node.type === "text" ? (node.text ?? "") : node.type === "hardBreak" ? "\n" : "";
      // A block's own mark (a paragraph made a heading, a list made of a paragraph): what it makes, not the text it holds.
      if (node.type !== "text" && node.type !== "hardBreak") {
        entry.blocks.push({ mark: mark.type ?? "", type: node.type ?? "", attrs: (node.attrs ?? null) as Record<string, unknown> | null, text: blockText(node) });
        inner.add(id);
      } else if (within.has(id)) {
        // The block's text, already counted with the block.
      } else if (mark.type === "insertion") entry.inserted.push(text);
      else if (mark.type === "deletion") entry.deleted.push(text);
      else entry.format = true;
      entry.authorId ??= typeof attrs.authorId === "string" ? attrs.authorId : null;
      entry.authorName ??= typeof attrs.authorName === "string" ? attrs.authorName : null;
      const at = typeof attrs.createdAt === "string" ? attrs.createdAt : null;
      if (at && (!entry.createdAt || at < entry.createdAt)) entry.createdAt = at;
      byId.set(id, entry);
    }
    for (const child of node.content ?? []) visit(child, inner);
  };
  visit(json, new Set());
  return [...byId].map(([id, e]) => {
    const author = { id: e.authorId, name: e.authorName };
    const structural = structuralSummary(e.blocks, e.inserted.join("") + e.deleted.join(""));
    if (structural) return { id, ...structural, author, createdAt: e.createdAt };
    const inserted = e.inserted.join("").replace(ZWSP, "");
    const deleted = e.deleted.join("").replace(ZWSP, "");
    const kind: SuggestionKind = inserted && deleted ? "replace" : inserted ? "insert" : deleted ? "delete" : e.format || e.blocks.length ? "format" : e.inserted.length ? "insert" : "delete";
    const q = (s: string) => `“${s.trim() || (s.includes("\n") ? "line break" : "paragraph break")}”`;
    const text = kind === "replace" ? `${q(deleted)} → ${q(inserted)}` : kind === "insert" ? q(inserted) : kind === "delete" ? q(deleted) : "formatting";
    return { id, kind, inserted, deleted, text, author, createdAt: e.createdAt, block: null };
  });
}

/**
 * A suggestion on blocks, in words: a block made another kind (`format`: a paragraph made a
 * subheading, or a list made of a paragraph, which the package records as the paragraph deleted
 * and the list inserted under one id), or a block added or removed whole. Null when the
 * suggestion is about text (also a paragraph split or joined, which the package keeps in the text).
 */
function structuralSummary(blocks: BlockMark[], inlineText: string): Omit<SuggestionSummary, "id" | "author" | "createdAt"> | null {
  if (blocks.length === 0 || inlineText.replace(ZWSP, "").trim()) return null;
  const made = blocks.find((b) => b.mark === "insertion");
  const removed = blocks.find((b) => b.mark === "deletion");
  const changed = blocks.find((b) => b.mark === "modification");
  const q = (s: string) => (s ? `“${s}”` : "an empty block");
  const of = (b: BlockMark, text = b.text) => ({ type: b.type, name: blockName(b.type, b.attrs), text });
  if (made && removed) {
    // Blocks moved (an item taken out of its list, a list made of a paragraph): what is new in kind is what it makes
    // ("“Beta” → paragraph"), not the rest of the list, which comes back as a list of its own.
    const was = new Set(blocks.filter((b) => b.mark === "deletion").map((b) => blockName(b.type, b.attrs)));
    const all = blocks.filter((b) => b.mark === "insertion");
    const fresh = all.filter((b) => !was.has(blockName(b.type, b.attrs)));
    const first = fresh[0] ?? made;
    const same = (fresh.length > 0 ? fresh : all).filter((b) => blockName(b.type, b.attrs) === blockName(first.type, first.attrs));
    const block = { ...of(first, cutText(same.map((b) => b.text).join(" ")) || removed.text), ...(same.length > 1 ? { count: same.length } : {}) };
    return { kind: "format", inserted: "", deleted: "", text: `${q(block.text)} → ${block.name}`, block };
  }
  if (changed && !made && !removed) {
    const block = of(changed);
    return { kind: "format", inserted: "", deleted: "", text: `${q(block.text)} → ${block.name}`, block };
  }
  if (made && made.type !== "paragraph") {
    const block = of(made);
    return { kind: "insert", inserted: made.text, deleted: "", text: `new ${block.name}${made.text ? ` ${q(made.text)}` : ""}`, block };
  }
  if (removed && removed.type !== "paragraph") {
    const block = of(removed);
    return { kind: "delete", inserted: "", deleted: removed.text, text: `removed ${block.name}${removed.text ? ` ${q(removed.text)}` : ""}`, block };
  }
  return null;
}

/**
 * The document with an empty paragraph after its last block, for the package's commands to run
 * on, and (unpadded) without it again. Reverting a suggested block that ends the document (a list
 * made of the last paragraph, rejected) reads one position past the document's end in 0.1.8 and
 * throws; the editor always has a trailing paragraph there, a stored story does not.
 */
function padded(doc: PMNode): PMNode {
  return doc.copy(doc.content.addToEnd(storySchema().nodes.paragraph.create()));
}
function unpadded(doc: PMNode): JSONContent {
  const last = doc.lastChild;
  const json = doc.toJSON() as JSONContent;
  if (last && last.type.name === "paragraph" && last.content.size === 0 && last.marks.length === 0) json.content = json.content?.slice(0, -1);
  return json;
}

function run(json: JSONContent, command: Command): JSONContent | null {
  const state = EditorState.create({ doc: padded(PMNode.fromJSON(storySchema(), json)) });
  let result: Transaction | null = null;
  const ok = command(state, (tr) => {
    result = tr;
  });
  if (!ok || !result) return null;
  return unpadded((result as Transaction).doc);
}

/**
 * The body with suggestion `id` accepted or rejected, and no other; null when the body has no such
 * suggestion. The package's applySuggestion(id) and revertSuggestion(id) also apply (or revert)
 * every formatting-only suggestion in the document, whatever its id (0.1.8), so the other
 * suggestions are set aside first, the package's whole-document command decides what is left
 * (the chosen one), and the others are put back where its steps moved them.
 */
export function decideSuggestionInDoc(json: JSONContent, id: string, decision: SuggestionDecision): JSONContent | null {
  if (!listSuggestions(json).some((s) => s.id === id)) return null;
  const doc = padded(PMNode.fromJSON(storySchema(), json));
  const aside: { from: number; to: number; mark: Mark; inline: boolean }[] = [];
  doc.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (isSuggestionMark(mark.type.name) && mark.attrs.id !== id) aside.push({ from: pos, to: pos + node.nodeSize, mark, inline: node.isInline && mark.type.name !== "modification" });
    }
  });
  let state = EditorState.create({ doc });
  const tr = state.tr;
  // Node marks (modifications) first: they do not move positions, so each range stays valid.
  for (const a of aside) {
    if (a.inline) tr.removeMark(a.from, a.to, a.mark);
    else tr.removeNodeMark(a.from, a.mark);
  }
  if (decision === "reject") {
    revertMarkModifications(tr.doc, id, tr);
    revertKindModifications(tr.doc, id, tr);
  }
  state = state.apply(tr);
  const decided = state.tr;
  (decision === "accept" ? applySuggestions : revertSuggestions)(state, (t) => {
    for (const step of t.steps) decided.step(step);
  });
  for (const a of aside) {
    if (a.inline) {
      const from = decided.mapping.map(a.from, 1);
      const to = decided.mapping.map(a.to, -1);
      if (from < to) decided.addMark(from, to, a.mark);
    } else {
      const { pos, deleted } = decided.mapping.mapResult(a.from, 1);
      if (!deleted && decided.doc.nodeAt(pos)) decided.addNodeMark(pos, a.mark);
    }
  }
  return unpadded(decided.doc);
}

/**
 * A suggested mark on a node with none before (previousValue null) is reverted by removing the
 * mark it added: the package would try to build a mark from null there and throw.
 */
function revertMarkModifications(doc: PMNode, id: string | undefined, tr: Transaction) {
  doc.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (mark.type.name !== "modification" || (id !== undefined && mark.attrs.id !== id) || mark.attrs.type !== "mark" || mark.attrs.previousValue) continue;
      const added = mark.attrs.newValue ? storySchema().markFromJSON(mark.attrs.newValue) : null;
      if (added) tr.removeNodeMark(pos, added.type);
      tr.removeNodeMark(pos, mark);
    }
  });
}

/**
 * A block made another kind (a small subheading made a paragraph, a numbered list made bulleted)
 * is reverted to its kind with its attributes as they were, in one step: the package sets the kind
 * with its defaults and then each attribute, in the order the marks happen to be in (0.1.8).
 */
function revertKindModifications(doc: PMNode, id: string | undefined, tr: Transaction) {
  doc.descendants((node, pos) => {
    const kind = node.marks.find((m) => m.type.name === "modification" && m.attrs.type === "nodeType" && (id === undefined || m.attrs.id === id));
    const type = kind ? storySchema().nodes[String(kind.attrs.previousValue)] : undefined;
    if (!kind || !type) return true;
    const own = node.marks.filter((m) => m.type.name === "modification" && m.attrs.id === kind.attrs.id);
    const attrs = Object.fromEntries(own.filter((m) => m.attrs.type === "attr" && m.attrs.attrName).map((m) => [String(m.attrs.attrName), m.attrs.previousValue]));
    tr.setNodeMarkup(pos, type, attrs, node.marks.filter((m) => !own.includes(m)));
    return true;
  });
}

function dropZeroWidth(node: JSONContent): JSONContent {
  if (node.type === "text") return { ...node, text: (node.text ?? "").replace(ZWSP, "") };
  if (!node.content) return node;
  return { ...node, content: node.content.map(dropZeroWidth).filter((c) => c.type !== "text" || c.text) };
}

/** The body as readers see it: insertions dropped, deletions kept as plain text, formatting as it was. */
export function withoutSuggestions(json: JSONContent): JSONContent {
  if (!hasSuggestions(json)) return json;
  return dropZeroWidth(run(json, (state, dispatch) => {
    const tr = state.tr;
    revertMarkModifications(state.doc, undefined, tr);
    revertKindModifications(tr.doc, undefined, tr);
    const next = state.apply(tr);
    return revertSuggestions(next, (t) => {
      for (const step of t.steps) tr.step(step);
      dispatch?.(tr);
    });
  }) ?? json);
}
