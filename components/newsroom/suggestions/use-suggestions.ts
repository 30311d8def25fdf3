"use client";
import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import type { JSONContent } from "@tiptap/core";
import { useMemo, useState } from "react";
import { api } from "@/lib/api-client";
import { SUGGESTION_MARKS } from "@/lib/editor/suggestion-marks";
import { listSuggestions, type SuggestionSummary } from "@/lib/editor/suggestions";
import { isSuggesting, suggestionRefusal } from "@/lib/editor/suggest-mode";

/**
 * The editor's current state, re-rendering on every change. Read from the editor itself: the
 * first selector run of useEditorState can predate the editor (it mounts after the first render).
 */
function useLiveState(editor: Editor | null) {
  useEditorState({ editor, selector: ({ editor: e }) => e?.state ?? null, equalityFn: Object.is });
  return editor && !editor.isDestroyed ? editor.state : null;
}

/** The open suggestions in the editor's text, live, in reading order. */
export function useOpenSuggestions(editor: Editor | null): SuggestionSummary[] {
  const doc = useLiveState(editor)?.doc ?? null;
  return useMemo(() => (doc ? listSuggestions(doc.toJSON() as JSONContent) : []), [doc]);
}

/** The suggestion the caret is in (or beside), so the editor can explain it to keyboard users. */
export function useSuggestionAtCaret(editor: Editor | null): string | null {
  const state = useLiveState(editor);
  if (!state) return null;
  const { $from } = state.selection;
  // The text's own marks first, then the blocks the caret is in (a heading that was a paragraph, a suggested list), innermost first.
  const blocks = Array.from({ length: $from.depth }, (_, i) => $from.node($from.depth - i).marks).flat();
  const marks = [...($from.nodeAfter?.marks ?? []), ...($from.nodeBefore?.marks ?? []), ...blocks];
  const mark = marks.find((m) => (SUGGESTION_MARKS as readonly string[]).includes(m.type.name));
  return mark ? String(mark.attrs.id) : null;
}

/** Why the editor did not make the last change while Suggesting (null once the reviewer moves on). */
export function useSuggestionRefusal(editor: Editor | null): string | null {
  const state = useLiveState(editor);
  return state ? suggestionRefusal(state) : null;
}

export function useSuggestingState(editor: Editor | null): boolean {
  const state = useLiveState(editor);
  return state ? isSuggesting(state) : false;
}

type StoryLink = {
  isDirty: () => boolean;
  save: () => Promise<void>;
  adopt: (body: string, version: number, updatedAt: string) => void;
};

export type Decide = (id: string, decision: "accept" | "reject") => Promise<void>;

/**
 * Accept or reject through the API, which applies the decision to the stored text (and writes
 * the history line); the editor then loads that text as the saved version. Unsaved typing is
 * saved first, so a decision never throws away words.
 */
export function useSuggestionDecisions({ articleId, story }: { articleId: string | null; story: StoryLink }) {
  const [pending, setPending] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; message: string } | null>(null);
  const decide: Decide = async (id, decision) => {
    if (!articleId) return;
    setPending(true);
    setNote(null);
    for (let i = 0; i < 10 && story.isDirty(); i++) {
      await story.save();
      if (story.isDirty()) await new Promise((r) => setTimeout(r, 300));
    }
    if (story.isDirty()) {
      setPending(false);
      return setNote({ ok: false, message: "Your latest changes are not saved yet, so nothing was decided. Try again in a moment." });
    }
    const result = await api.decideSuggestion(articleId, id, decision);
    setPending(false);
    if (!result.ok) return setNote({ ok: false, message: result.error.message });
    story.adopt(result.data.editorBody, result.data.article.version, result.data.article.updatedAt);
    const n = result.data.decided.length;
    setNote({ ok: true, message: `${decision === "accept" ? "Accepted" : "Rejected"} ${n === 1 ? "the suggestion" : `${n} suggestions`}.` });
  };
  return { decide, pending, note };
}
