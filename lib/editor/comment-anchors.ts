/**
 * Comment anchors in the editor, as ProseMirror decorations, never as marks in the document:
 * adding, resolving or re-finding an anchor changes no node, so it is no edit, triggers no
 * autosave and cannot conflict with anybody's typing. The decorations are mapped through every
 * transaction, so an anchor follows its passage as the text around it (or inside it) changes,
 * and disappears when all of its text is deleted. On load each is re-found from the comment's
 * stored selectors (lib/domain/anchors.ts).
 *
 * Rendered as <span class="comment-anchor" data-comment-id="…">; decorations are never saved,
 * so they can never reach readers.
 */
import { Extension, type Editor } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { type EditorState, Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { anchorFor, anchorText, offsetToPos, posToOffset, resolveAnchor, type TextAnchor } from "@/lib/domain/anchors";

type Range = { from: number; to: number };
type Meta = { set?: Map<string, Range>; add?: ({ id: string } & Range)[]; remove?: string };

/** The anchors shown, and whether they have been placed from the stored selectors yet. */
type AnchorsState = { decorations: DecorationSet; placed: boolean };

export const commentAnchorsKey = new PluginKey<AnchorsState>("commentAnchors");

function decoration(id: string, { from, to }: Range): Decoration {
  return Decoration.inline(from, to, { class: "comment-anchor", "data-comment-id": id }, { commentId: id });
}

export const CommentAnchors = Extension.create({
  name: "commentAnchors",
  addProseMirrorPlugins() {
    return [
      new Plugin<AnchorsState>({
        key: commentAnchorsKey,
        state: {
          init: () => ({ decorations: DecorationSet.empty, placed: false }),
          apply(tr: Transaction, { decorations, placed }: AnchorsState) {
            let next = decorations.map(tr.mapping, tr.doc);
            const meta = tr.getMeta(commentAnchorsKey) as Meta | undefined;
            if (meta?.set) next = DecorationSet.create(tr.doc, [...meta.set].map(([id, r]) => decoration(id, r)));
            if (meta?.remove) next = next.remove(next.find(undefined, undefined, (spec) => spec.commentId === meta.remove));
            if (meta?.add) next = next.add(tr.doc, meta.add.map((a) => decoration(a.id, a)));
            return { decorations: next, placed: placed || meta?.set !== undefined };
          },
        },
        props: { decorations: (state) => commentAnchorsKey.getState(state)?.decorations },
      }),
    ];
  },
});

/** The anchor text of the editor's document, with the positions of its runs. */
function textOf(doc: PmNode) {
  const schema = doc.type.schema;
  return anchorText(doc.toJSON(), (type) => schema.nodes[type]?.isLeaf ?? false);
}

function dispatch(editor: Editor, meta: Meta) {
  // A transaction without steps: the document (and so the autosave) never sees it.
  editor.view.dispatch(editor.state.tr.setMeta(commentAnchorsKey, meta).setMeta("addToHistory", false));
}

/** Where each anchor is now, by comment id (the union of its pieces across blocks). */
export function anchorRanges(state: EditorState): Map<string, Range> {
  const ranges = new Map<string, Range>();
  for (const d of commentAnchorsKey.getState(state)?.decorations.find() ?? []) {
    const id = (d.spec as { commentId: string }).commentId;
    const seen = ranges.get(id);
    ranges.set(id, { from: Math.min(seen?.from ?? d.from, d.from), to: Math.max(seen?.to ?? d.to, d.to) });
  }
  return ranges;
}

/** Whether the anchors have been placed from the stored selectors (until then the server's word stands). */
export function anchorsPlaced(state: EditorState): boolean {
  return commentAnchorsKey.getState(state)?.placed ?? false;
}

/**
 * Re-find the threads' passages in the current text and show those found (the rest are "on
 * deleted text"). Replaces all anchors shown, unless `keep` (a thread reopened).
 */
export function placeCommentAnchors(editor: Editor, threads: readonly { id: string; selector: TextAnchor | null }[], { keep = false } = {}) {
  const { text, segments } = textOf(editor.state.doc);
  const found = new Map<string, Range>();
  for (const t of threads) {
    const range = t.selector ? resolveAnchor(t.selector, text) : null;
    const from = range ? offsetToPos(segments, range.start, "start") : null;
    const to = range ? offsetToPos(segments, range.end, "end") : null;
    if (from !== null && to !== null && to > from) found.set(t.id, { from, to });
  }
  dispatch(editor, keep ? { add: [...found].map(([id, r]) => ({ id, ...r })) } : { set: found });
}

/** The selection's passage as selectors over the anchor text, or null for an empty selection. */
export function selectionAnchor(editor: Editor): (TextAnchor & Range) | null {
  const { from, to } = editor.state.selection;
  if (from === to) return null;
  const { text, segments } = textOf(editor.state.doc);
  const start = posToOffset(segments, from);
  const end = posToOffset(segments, to);
  return end > start ? { ...anchorFor(text, start, end), from, to } : null;
}

export function addCommentAnchor(editor: Editor, id: string, range: Range) {
  dispatch(editor, { add: [{ id, ...range }] });
}

export function removeCommentAnchor(editor: Editor, id: string) {
  dispatch(editor, { remove: id });
}
