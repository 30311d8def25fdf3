"use client";
import type { Editor } from "@tiptap/react";
import { useEffect } from "react";
import { useSuggestingState } from "./use-suggestions";

const base = "rounded border px-2 py-1 text-sm font-semibold";

/**
 * Editing or Suggesting, in the editor's toolbar: two buttons, the pressed one is the mode.
 * `locked`: the user may only suggest, so the editor is held in Suggesting and says so.
 */
export function SuggestModeSwitch({ editor, locked = false }: { editor: Editor; locked?: boolean }) {
  const suggesting = useSuggestingState(editor);
  const set = (on: boolean) => editor.chain().focus().setSuggesting(on).run();
  useEffect(() => {
    if (locked && !suggesting) editor.commands.setSuggesting(true);
  }, [editor, locked, suggesting]);
  if (locked) {
    return (
      <p className="ml-auto rounded border border-ink bg-ink px-2 py-1 text-sm font-semibold text-paper" data-testid="suggest-mode" data-locked="true">
        Suggesting only
        <span className="sr-only">: you can no longer edit this story directly; your typing and deleting are recorded as suggestions.</span>
      </p>
    );
  }
  return (
    <div role="group" aria-label="Editing mode" className="ml-auto flex items-center gap-1" data-testid="suggest-mode">
      <button type="button" aria-pressed={!suggesting} onMouseDown={(e) => e.preventDefault()} onClick={() => set(false)} className={`${base} ${!suggesting ? "border-ink bg-ink text-paper" : "border-rule"}`}>
        Editing
      </button>
      <button type="button" aria-pressed={suggesting} onMouseDown={(e) => e.preventDefault()} onClick={() => set(true)} className={`${base} ${suggesting ? "border-ink bg-ink text-paper" : "border-rule"}`}>
        Suggesting
      </button>
      <span role="status" className="sr-only">
        {suggesting ? "Suggesting: your typing and deleting are recorded as suggestions." : ""}
      </span>
    </div>
  );
}
