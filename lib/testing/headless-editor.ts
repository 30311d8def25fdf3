/**
 * The story editor without a browser, for unit tests: Tiptap on a happy-dom document, with the
 * story schema and suggestion mode, driven by the same commands as the toolbar and the same key
 * handlers as a keyboard (through the view's dispatch, so every edit takes the path the editor's does).
 */
import { Editor } from "@tiptap/core";
import { Window } from "happy-dom";
import { storyExtensions } from "@/lib/editor/extensions";
import { type Suggester, SuggestMode } from "@/lib/editor/suggest-mode";

let installed = false;
function installDom() {
  if (installed) return;
  installed = true;
  const w = new Window();
  Object.assign(globalThis, {
    window: w,
    document: w.document,
    navigator: w.navigator,
    Node: w.Node,
    Element: w.Element,
    HTMLElement: w.HTMLElement,
    KeyboardEvent: w.KeyboardEvent,
    MutationObserver: w.MutationObserver,
    getComputedStyle: w.getComputedStyle.bind(w),
    requestAnimationFrame: (f: () => void) => setTimeout(f, 0),
    cancelAnimationFrame: clearTimeout,
  });
}

/** An editor holding `html`, Suggesting as `suggester` at `now`. */
export function suggestingEditor(html: string, suggester: Suggester, now: Date): Editor {
  installDom();
  const editor = new Editor({
    element: document.createElement("div"),
    extensions: [...storyExtensions, SuggestMode.configure({ suggester, now: () => now })],
    content: html,
  });
  editor.commands.setSuggesting(true);
  return editor;
}

/** The caret just after the first `text` in the story (or before it, with `before`). */
export function caretAt(editor: Editor, text: string, { before = false } = {}): Editor {
  let pos = -1;
  editor.state.doc.descendants((node, at) => {
    if (pos < 0 && node.isText && node.text?.includes(text)) pos = at + node.text.indexOf(text) + (before ? 0 : text.length);
  });
  if (pos < 0) throw new Error(`“${text}” is not in the story`);
  editor.commands.setTextSelection(pos);
  return editor;
}

/** A key pressed in the editor, through its key handlers (Tiptap's keyboardShortcut command re-dispatches, unlike a keyboard). */
export function press(editor: Editor, key: string, { shift = false } = {}): Editor {
  const event = new KeyboardEvent("keydown", { key, shiftKey: shift, bubbles: true, cancelable: true });
  editor.view.someProp("handleKeyDown", (f) => f(editor.view, event));
  return editor;
}
