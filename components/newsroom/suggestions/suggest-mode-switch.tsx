"use client";
import type { Editor } from "@tiptap/react";
import { useSuggestingState } from "./use-suggestions";

const base = "rounded border px-2 py-1 text-sm font-semibold";

/** Editing or Suggesting, in the editor's toolbar: two buttons, the pressed one is the mode. */
export function SuggestModeSwitch({ editor }: { editor: Editor }) {
  const suggesting = useSuggestingState(editor);
  const set = (on: boolean) => editor.chain().focus().setSuggesting(on).run();
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
