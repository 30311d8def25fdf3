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
import type { Node as PMNode } from "@tiptap/pm/model";
import { type EditorState, Plugin, PluginKey, type Selection, TextSelection, type Transaction } from "@tiptap/pm/state";
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
    return [suggestChanges(), stamp, blockSuggestions];
  },
  // The package's withSuggestChanges, as Tiptap's dispatch hook: the same conditions, our ids.
  dispatchTransaction({ transaction, next }) {
    const state = this.editor.state;
    // Not suggestions: undo/redo, the package's own commands, and text loaded by the program (setContent without
    // an update: a restore, a conflict choice, a decision the server applied), which replaces the text rather than editing it.
    const skip = transaction.getMeta("history$") || transaction.getMeta("preventUpdate") === true || "skip" in (transaction.getMeta(suggestChangesKey) ?? {});
    next(isSuggestChangesEnabled(state) && transaction.docChanged && !skip ? transformToSuggestionTransaction(transaction, state, newSuggestionId) : transaction);
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

/** Placeholder until the fix: no refusals. */
export function suggestionRefusal(_state: EditorState): string | null {
  return null;
}
