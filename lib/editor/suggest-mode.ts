/**
 * Suggesting mode for the story editor (browser): @handlewithcare/prosemirror-suggest-changes'
 * plugin and its transaction transform, as a Tiptap extension. While Suggesting is on, typing
 * and deleting become insertion and deletion marks instead of changes; every new mark is
 * stamped with who made it and when (the package's marks carry only an id), and a mark that
 * extends an existing suggestion keeps that suggestion's author and time.
 */
import {
  isSuggestChangesEnabled,
  suggestChanges,
  suggestChangesKey,
  transformToSuggestionTransaction,
} from "@handlewithcare/prosemirror-suggest-changes";
import { Extension } from "@tiptap/core";
import { Fragment, type Node as PMNode } from "@tiptap/pm/model";
import { type EditorState, Plugin, PluginKey, type Selection, TextSelection, type Transaction } from "@tiptap/pm/state";
import { ReplaceAroundStep, ReplaceStep } from "@tiptap/pm/transform";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { describeSuggester, SUGGESTION_MARKS } from "./suggestion-marks";
import { blockName } from "./suggestions";

export type Suggester = { id: string; name: string };
type Options = { suggester: Suggester | null; now: () => Date };

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggestMode: {
      /** Switch between Editing (false) and Suggesting (true). */
      setSuggesting: (on: boolean) => ReturnType;
      /** Select the text of one suggestion (from the suggestions list). */
      selectSuggestion: (id: string) => ReturnType;
    };
  }
}

/** Suggestion ids are random, so suggestions made in two browsers never share one. */
export function newSuggestionId(): string {
  return `s${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36).slice(-4)}`;
}

export { isSuggestChangesEnabled as isSuggesting };

/** The transaction that gives unattributed suggestion marks their author and time, or null when all have them. */
export function stampSuggestions(state: EditorState, suggester: Suggester, now: Date): Transaction | null {
  const known = new Map<string, Record<string, unknown>>();
  const missing: { pos: number; node: PMNode; mark: PMNode["marks"][number] }[] = [];
  state.doc.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (!(SUGGESTION_MARKS as readonly string[]).includes(mark.type.name)) continue;
      if (mark.attrs.authorId) known.set(String(mark.attrs.id), mark.attrs);
      else missing.push({ pos, node, mark });
    }
  });
  if (missing.length === 0) return null;
  const tr = state.tr;
  for (const { pos, node, mark } of missing) {
    const earlier = known.get(String(mark.attrs.id));
    const attrs = earlier
      ? { ...mark.attrs, authorId: earlier.authorId, authorName: earlier.authorName, createdAt: earlier.createdAt }
      : { ...mark.attrs, authorId: suggester.id, authorName: suggester.name, createdAt: now.toISOString() };
    if (node.isInline) tr.addMark(pos, pos + node.nodeSize, mark.type.create(attrs));
    else {
      // A block's own suggestion (a heading that was a paragraph, a new list item): node marks do not move positions.
      tr.removeNodeMark(pos, mark);
      tr.addNodeMark(pos, mark.type.create(attrs));
    }
  }
  // Stamping is bookkeeping, not a further suggestion, and is undone with the edit it belongs to.
  return tr.setMeta(suggestChangesKey, { skip: true }).setMeta("addToHistory", false);
}

const stampKey = new PluginKey("suggestion-stamp");

/** "Suggested: subheading": what a block's own suggestion mark proposes, for its label and tooltip. */
export function blockSuggestionLabel(node: PMNode, markName: string): string {
  const name = blockName(node.type.name, node.attrs);
  return markName === "insertion" ? `Suggested: new ${name}` : markName === "deletion" ? `Suggested: remove ${name}` : `Suggested: ${name}`;
}

/**
 * Blocks carrying a suggestion (a heading that was a paragraph, a list made of one) are marked
 * on the block itself, as decorations (never saved): a class for the tinted, bordered look, the
 * label the stylesheet shows above the block, and the tooltip the inline suggestions have.
 */
export function blockSuggestionDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.isInline) return false;
    const mark = node.marks.find((m) => (SUGGESTION_MARKS as readonly string[]).includes(m.type.name));
    if (!mark) return true;
    const what = mark.type.name === "insertion" ? "insert" : mark.type.name === "deletion" ? "delete" : "format";
    const label = blockSuggestionLabel(node, mark.type.name);
    decorations.push(
      Decoration.node(pos, pos + node.nodeSize, {
        class: `suggestion-block suggestion-block-${what}`,
        "data-suggestion-label": label,
        title: `${describeSuggester(mark.attrs)}: ${label.replace(/^Suggested: /, "")}`,
      }),
    );
    return true;
  });
  return DecorationSet.create(doc, decorations);
}

const blockKey = new PluginKey<DecorationSet>("suggestion-blocks");
const blockSuggestions = new Plugin<DecorationSet>({
  key: blockKey,
  state: {
    init: (_, state) => blockSuggestionDecorations(state.doc),
    apply: (tr, old) => (tr.docChanged ? blockSuggestionDecorations(tr.doc) : old),
  },
  props: { decorations: (state) => blockKey.getState(state) },
});

export const SuggestMode = Extension.create<Options>({
  name: "suggestMode",
  addOptions() {
    return { suggester: null, now: () => new Date() };
  },
  addProseMirrorPlugins() {
    const { suggester, now } = this.options;
    const stamp = new Plugin({
      key: stampKey,
      appendTransaction: (trs, _old, state) => (suggester && trs.some((tr) => tr.docChanged) ? stampSuggestions(state, suggester, now()) : null),
    });
    return [suggestChanges(), stamp, blockSuggestions, refusals];
  },
  // The package's withSuggestChanges, as Tiptap's dispatch hook: the same conditions, our ids.
  dispatchTransaction({ transaction, next }) {
    const state = this.editor.state;
    // Not suggestions: undo/redo, the package's own commands, and text loaded by the program (setContent without
    // an update: a restore, a conflict choice, a decision the server applied), which replaces the text rather than editing it.
    const skip = transaction.getMeta("history$") || transaction.getMeta("preventUpdate") === true || "skip" in (transaction.getMeta(suggestChangesKey) ?? {});
    if (!isSuggestChangesEnabled(state) || !transaction.docChanged || skip) return next(transaction);
    next(suggestionTransaction(transaction, state, this.options.suggester));
  },
  addCommands() {
    return {
      setSuggesting:
        (on) =>
        ({ tr, dispatch }) => {
          // The package's enable/disable commands, as meta on Tiptap's chained transaction.
          if (dispatch) tr.setMeta(suggestChangesKey, { skip: true, enabled: on });
          return true;
        },
      selectSuggestion:
        (id) =>
        ({ tr, dispatch }) => {
          const selection = suggestionSelection(tr.doc, id);
          if (!selection) return false;
          if (dispatch) tr.setSelection(selection).scrollIntoView();
          return true;
        },
    };
  },
});

/**
 * The text of one suggestion, selected. `between`: a block's own suggestion (a heading that was a
 * paragraph) starts and ends between blocks, where a text selection cannot; the browser then
 * stretched it into the next block.
 */
export function suggestionSelection(doc: PMNode, id: string): Selection | null {
  const range = suggestionRange(doc, id);
  return range ? TextSelection.between(doc.resolve(range.from), doc.resolve(range.to)) : null;
}

/** Where a suggestion's text lies, first to last mark with its id. */
export function suggestionRange(doc: PMNode, id: string): { from: number; to: number } | null {
  let from = -1;
  let to = -1;
  doc.descendants((node, pos) => {
    if (node.marks.some((m) => (SUGGESTION_MARKS as readonly string[]).includes(m.type.name) && String(m.attrs.id) === id)) {
      if (from < 0) from = pos;
      to = pos + node.nodeSize;
    }
  });
  return from < 0 ? null : { from, to };
}


/**
 * The transaction that records `tr` as a suggestion, or one that refuses it with a reason (see
 * suggestionRefusal). While Suggesting nothing is ever applied as a direct edit: a change the
 * package cannot record (it throws) is refused, not let through.
 */
export function suggestionTransaction(tr: Transaction, state: EditorState, suggester: Suggester | null): Transaction {
  try {
    const again = suggestedBlockChanged(tr, state, suggester);
    if (again) return again === "refused" ? refuse(state, ALREADY_SUGGESTED) : again;
    const moved = moveAsSuggestion(tr, state, newSuggestionId());
    if (moved === "refused") return refuse(state, ALREADY_SUGGESTED);
    return moved ?? keepPreviousAttrs(transformToSuggestionTransaction(tr, state, newSuggestionId), state);
  } catch (error) {
    console.error("This change could not be recorded as a suggestion", error);
    return refuse(state, CANNOT_SUGGEST);
  }
}

const ALREADY_SUGGESTED = "Not changed: these blocks already have a suggestion. Undo it, or accept or reject it first, then try again.";
const CANNOT_SUGGEST = "Not changed: this edit cannot be recorded as a suggestion. Switch to Editing to make it directly, or ask the writer to.";

const refusalKey = new PluginKey<string | null>("suggestion-refusal");
/** Why the last change was not made (shown beside the editor), until the next edit or caret move. */
const refusals = new Plugin<string | null>({
  key: refusalKey,
  state: {
    init: () => null,
    apply: (tr, old) => {
      const reason = tr.getMeta(refusalKey) as string | undefined;
      if (reason !== undefined) return reason;
      return tr.docChanged || tr.selectionSet ? null : old;
    },
  },
});

/** Why the editor did not make the reviewer's last change while Suggesting, or null. */
export function suggestionRefusal(state: EditorState): string | null {
  return refusalKey.getState(state) ?? null;
}

function refuse(state: EditorState, reason: string): Transaction {
  return state.tr.setMeta(refusalKey, reason).setMeta(suggestChangesKey, { skip: true }).setMeta("addToHistory", false);
}

const hasSuggestionMark = (node: PMNode) => node.marks.some((m) => (SUGGESTION_MARKS as readonly string[]).includes(m.type.name));

/** A block made another kind in place (setNodeMarkup): the package's own test for it (replaceAroundStep.js). */
function isKindChange(step: unknown): step is ReplaceAroundStep {
  // `structure` is internal to prosemirror-transform's types, but it is what the package reads.
  const structure = (step as { structure?: boolean }).structure === true;
  return step instanceof ReplaceAroundStep && step.insert === 1 && step.slice.size === 2 && step.gapFrom === step.from + 1 && step.gapTo === step.to - 1 && structure;
}

/**
 * A change to the kind or place of a block that already carries a suggestion of its own (a
 * suggested subheading made a paragraph again, a list struck through made numbered). 0.1.8 records
 * the second change over the first: a subheading suggested and taken back showed readers a
 * subheading the story never had, and a struck-through list made numbered lost its deletion.
 * The suggester's own change of kind taken back to what the block was is that suggestion
 * withdrawn (the block as it was, the marks gone); anything else is "refused". Null when no such
 * block is touched.
 */
function suggestedBlockChanged(tr: Transaction, state: EditorState, suggester: Suggester | null): Transaction | "refused" | null {
  let touched: { pos: number; node: PMNode } | null = null;
  let many = false;
  tr.steps.forEach((step, i) => {
    if (!(step instanceof ReplaceAroundStep)) return;
    tr.docs[i].nodesBetween(step.from, step.to, (node, pos) => {
      if (node.isInline) return false;
      if (pos >= step.from && pos + node.nodeSize <= step.to && hasSuggestionMark(node)) {
        many ||= touched !== null || i > 0;
        touched ??= { pos, node };
      }
      return true;
    });
  });
  if (!touched) return null;
  const { pos, node } = touched as { pos: number; node: PMNode };
  const step = tr.steps[0];
  const kind = node.marks.find((m) => m.type.name === "modification" && m.attrs.type === "nodeType");
  const own = node.marks.filter((m) => (SUGGESTION_MARKS as readonly string[]).includes(m.type.name));
  const withdrawable =
    !many &&
    tr.steps.length === 1 &&
    isKindChange(step) &&
    kind &&
    suggester &&
    own.every((m) => m.type.name === "modification" && m.attrs.id === kind.attrs.id && m.attrs.authorId === suggester.id) &&
    step.slice.content.firstChild?.type.name === kind.attrs.previousValue;
  if (!withdrawable) return "refused";
  const type = state.schema.nodes[String(kind.attrs.previousValue)];
  const attrs = Object.fromEntries(own.filter((m) => m.attrs.type === "attr" && m.attrs.attrName).map((m) => [String(m.attrs.attrName), m.attrs.previousValue]));
  const back = state.tr.setNodeMarkup(pos, type, attrs, node.marks.filter((m) => !own.includes(m)));
  back.setSelection(TextSelection.between(back.doc.resolve(tr.selection.anchor), back.doc.resolve(tr.selection.head)));
  return back.setMeta(suggestChangesKey, { skip: true });
}

/** The text blocks of a document, in order. */
function textblocks(doc: PMNode): PMNode[] {
  const found: PMNode[] = [];
  doc.descendants((node) => {
    if (node.isTextblock) found.push(node);
    return !node.isTextblock;
  });
  return found;
}

/** The nesting of a document's blocks, without their kinds: the same for a list made numbered, not for an item taken out. */
function shape(node: PMNode): string {
  if (node.isTextblock || node.isLeaf) return ".";
  let inner = "";
  node.forEach((child) => (inner += shape(child)));
  return `(${inner})`;
}

/**
 * A change that keeps every text block as it was and only moves blocks in or out of lists and
 * quotes (an item taken out of its list by the toolbar, Shift-Tab or Backspace; Tab; a list made
 * of a paragraph; two lists joined), as one suggestion: the blocks as they were, marked deleted,
 * then the blocks as they would be, marked inserted, under one id, in the innermost block that
 * holds them both. 0.1.8 records these as replacements of text: it marked a whole list's text
 * deleted for its first item, left an empty list behind on accept, and showed readers an empty
 * paragraph. Null for any other change (typing, a split, a block made another kind in place),
 * "refused" when the blocks it moves hold a suggestion already (moving them again would lose it).
 */
export function moveAsSuggestion(tr: Transaction, state: EditorState, id: string): Transaction | "refused" | null {
  const before = state.doc;
  const after = tr.doc;
  if (!tr.steps.every((step) => step instanceof ReplaceStep || step instanceof ReplaceAroundStep)) return null;
  const [was, is] = [textblocks(before), textblocks(after)];
  if (was.length !== is.length || !was.every((node, i) => node.sameMarkup(is[i]) && node.content.eq(is[i].content))) return null;
  if (shape(before) === shape(after)) return null;

  const start = before.content.findDiffStart(after.content);
  const end = before.content.findDiffEnd(after.content);
  if (start === null || !end) return null;
  // Where the same blocks end both documents, the end may fall before the start; push it back.
  const overlap = Math.max(0, start - Math.min(end.a, end.b));
  const [$a, $aEnd, $b, $bEnd] = [before.resolve(start), before.resolve(end.a + overlap), after.resolve(start), after.resolve(end.b + overlap)];
  // The innermost block holding the change in both documents, at the same place, that lets its blocks carry suggestions.
  let depth = Math.min($a.sharedDepth(end.a + overlap), $b.sharedDepth(end.b + overlap));
  const { deletion, insertion } = state.schema.marks;
  const fits = (d: number) =>
    Array.from({ length: d }, (_, i) => i + 1).every((k) => $a.before(k) === $b.before(k) && $a.node(k).type === $b.node(k).type) && $a.node(d).type.allowsMarkType(deletion);
  while (depth > 0 && !fits(depth)) depth--;
  if (!$a.node(depth).type.allowsMarkType(deletion)) return null;
  const oldFrom = $a.posAtIndex($a.index(depth), depth);
  const oldTo = $aEnd.posAtIndex($aEnd.indexAfter(depth), depth);
  const newFrom = $b.posAtIndex($b.index(depth), depth);
  const newTo = $bEnd.posAtIndex($bEnd.indexAfter(depth), depth);
  if (oldFrom !== newFrom || oldTo <= oldFrom || newTo <= newFrom) return null;

  let suggested = false;
  before.nodesBetween(oldFrom, oldTo, (node) => {
    suggested ||= hasSuggestionMark(node);
    return !suggested;
  });
  if (suggested) return "refused";

  const moved = state.tr;
  let pos = oldFrom;
  while (pos < oldTo) {
    const node = moved.doc.nodeAt(pos)!;
    moved.addNodeMark(pos, deletion.create({ id }));
    pos += node.nodeSize;
  }
  const made: PMNode[] = [];
  after.slice(newFrom, newTo).content.forEach((node) => made.push(node.mark(insertion.create({ id }).addToSet(node.marks))));
  moved.insert(oldTo, Fragment.from(made));
  // The caret goes where the change put it, in the blocks as they would be.
  const map = (p: number) => (p < newFrom ? p : p + oldTo - newFrom);
  const { anchor, head } = tr.selection;
  moved.setSelection(TextSelection.between(moved.doc.resolve(map(anchor)), moved.doc.resolve(map(head))));
  for (const [key, value] of Object.entries((tr as unknown as { meta: Record<string, unknown> }).meta)) moved.setMeta(key, value);
  if (tr.scrolledIntoView) moved.scrollIntoView();
  return moved;
}

/**
 * A block made another kind (a small subheading made a paragraph, a numbered list made bulleted)
 * records, in 0.1.8, the new kind's attributes as "previous" (it reads them after the change), so
 * rejecting gave back a subheading of no level, or a list starting at 1. Each such mark made by
 * this transaction gets the block's attributes from before.
 */
function keepPreviousAttrs(tracked: Transaction, state: EditorState): Transaction {
  const fixes: { pos: number; stale: PMNode["marks"][number]; attrs: Record<string, unknown> }[] = [];
  const back = tracked.mapping.invert();
  tracked.doc.descendants((node, pos) => {
    const kind = node.marks.find((m) => m.type.name === "modification" && m.attrs.type === "nodeType");
    if (!kind) return true;
    const old = state.doc.nodeAt(back.map(pos, 1));
    if (!old || old.type.name !== kind.attrs.previousValue || hasSuggestionMark(old)) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== "modification" || mark.attrs.type !== "attr" || mark.attrs.id !== kind.attrs.id) continue;
      const name = String(mark.attrs.attrName);
      const previous = name in old.attrs ? old.attrs[name] : null;
      if (previous !== mark.attrs.previousValue) fixes.push({ pos, stale: mark, attrs: { ...mark.attrs, previousValue: previous } });
    }
    return true;
  });
  for (const { pos, stale, attrs } of fixes) {
    tracked.removeNodeMark(pos, stale);
    tracked.addNodeMark(pos, stale.type.create(attrs));
  }
  return tracked;
}
