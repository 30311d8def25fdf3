"use client";
import type { Editor } from "@tiptap/react";
import { useState } from "react";
import { type Suggester, SuggestMode } from "@/lib/editor/suggest-mode";
import { SuggestModeSwitch } from "./suggest-mode-switch";
import { SuggestionAtCaret, SuggestionRefusal, SuggestionsPanel } from "./suggestions-panel";
import { useOpenSuggestions, useSuggestionAtCaret, useSuggestionDecisions, useSuggestionRefusal } from "./use-suggestions";

/** What the page knows about the user and suggestions on this story. */
export type SuggestionsAccess = {
  me: Suggester;
  canSuggest: boolean;
  canDecide: boolean;
  /** May suggest but not edit (a co-author in review): the editor stays in Suggesting. */
  suggestOnly?: boolean;
};

/** The editor extension for suggestion mode, made once per editor (with the suggester, when the user may suggest). */
export function useSuggestModeExtensions(access: SuggestionsAccess | undefined) {
  const [extensions] = useState(() => [SuggestMode.configure({ suggester: access?.canSuggest ? access.me : null })]);
  return extensions;
}

type Options = {
  editor: Editor | null;
  articleId: string | null;
  access: SuggestionsAccess | undefined;
  story: Parameters<typeof useSuggestionDecisions>[0]["story"];
  timeZone: string;
};

/** Suggestion mode's parts for the workspace: the toolbar switch, the explanation at the caret and the list. */
export function useSuggestions({ editor, articleId, access, story, timeZone }: Options) {
  const open = useOpenSuggestions(editor);
  const atCaret = useSuggestionAtCaret(editor);
  const refusal = useSuggestionRefusal(editor);
  const { decide, pending, note } = useSuggestionDecisions({ articleId, story });
  const formatTime = (iso: string) =>
    new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(iso));
  const canDecide = !!access?.canDecide && !!articleId;
  const shared = { canDecide, decide, pending, formatTime };
  return {
    open,
    tools: access?.canSuggest && editor ? <SuggestModeSwitch editor={editor} locked={access.suggestOnly} /> : null,
    caret: (
      <>
        <SuggestionRefusal reason={refusal} />
        <SuggestionAtCaret suggestion={open.find((s) => s.id === atCaret) ?? null} {...shared} />
      </>
    ),
    panel: articleId && (open.length > 0 || access?.canSuggest || canDecide) ? <SuggestionsPanel suggestions={open} note={note} editor={editor} canSuggest={access?.canSuggest} {...shared} /> : null,
  };
}
