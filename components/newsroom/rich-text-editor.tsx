"use client";
import { Placeholder } from "@tiptap/extensions";
import type { Extensions } from "@tiptap/core";
import { EditorContent, type Editor, useEditor, useEditorState } from "@tiptap/react";
import { CommentAnchors } from "@/lib/editor/comment-anchors";
import type { ReactNode } from "react";
import { DocxImageSlot } from "@/lib/editor/docx-slot";
import { storyExtensions } from "@/lib/editor/extensions";
import { OfficePaste } from "@/lib/editor/office-paste";
import { MediaPicker } from "./media-picker";

/** The look of every toolbar button ("Insert photo" too, which opens a dialog). */
const toolButtonClass = "rounded border px-2 py-1 text-sm font-semibold";

function ToolButton({ label, active, onClick }: { label: string; active?: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      className={`${toolButtonClass} ${active ? "border-ink bg-ink text-paper" : "border-rule"}`}
    >
      {label}
    </button>
  );
}

function Toolbar({ editor, tools }: { editor: Editor; tools?: ReactNode }) {
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      link: e.isActive("link"),
      quote: e.isActive("blockquote"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      table: e.isActive("table"),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1 border-b border-rule p-2">
      <ToolButton label="Subheading" active={s.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()} />
      <ToolButton label="Small subheading" active={s.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()} />
      <ToolButton label="Bold" active={s.bold} onClick={() => chain().toggleBold().run()} />
      <ToolButton label="Italic" active={s.italic} onClick={() => chain().toggleItalic().run()} />
      <ToolButton
        label={s.link ? "Remove link" : "Link"}
        active={s.link}
        onClick={() => {
          if (s.link) return void chain().unsetLink().run();
          const url = window.prompt("Link address (https://…)");
          if (url) chain().extendMarkRange("link").setLink({ href: url }).run();
        }}
      />
      <ToolButton label="Quote" active={s.quote} onClick={() => chain().toggleBlockquote().run()} />
      <ToolButton label="Bulleted list" active={s.bullet} onClick={() => chain().toggleBulletList().run()} />
      <ToolButton label="Numbered list" active={s.ordered} onClick={() => chain().toggleOrderedList().run()} />
      <ToolButton label="Table" onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} />
      {s.table && <TableButtons chain={chain} />}
      <MediaPicker
        label="Insert photo"
        buttonClassName={`${toolButtonClass} border-rule`}
        onPick={(m) => chain().setFigure({ mediaId: m.id, src: m.url, alt: m.alt, caption: m.caption, credit: m.credit, width: m.width, height: m.height }).run()}
      />
      {tools}
    </div>
  );
}

/** Shown while the cursor is in a table: rows and columns, kept to the few a results table needs. */
function TableButtons({ chain }: { chain: () => ReturnType<Editor["chain"]> }) {
  return (
    <span role="group" aria-label="Table" className="flex flex-wrap gap-1">
      <ToolButton label="Add row" onClick={() => chain().addRowAfter().run()} />
      <ToolButton label="Remove row" onClick={() => chain().deleteRow().run()} />
      <ToolButton label="Add column" onClick={() => chain().addColumnAfter().run()} />
      <ToolButton label="Remove column" onClick={() => chain().deleteColumn().run()} />
      <ToolButton label="Remove table" onClick={() => chain().deleteTable().run()} />
    </span>
  );
}

type Options = {
  initialHtml: string;
  editable: boolean;
  /** `normalised`: the editor's own fix-up (a trailing paragraph after a closing table, a table's
   * shape), appended to a transaction that changed no text, e.g. placing comment anchors: no edit. */
  onChange: (html: string, how: { normalised: boolean }) => void;
  onBlur?: () => void;
  labelledBy: string;
  describedBy?: string;
  /** Extensions only this editor needs (suggestion mode, with who is suggesting). */
  extensions?: Extensions;
  /** What a paste from Word, Google Docs or LibreOffice could not keep as it was (empty when it kept everything). */
  /** The editor is made once per `editable`: pass a stable function (a state setter). */
  onPasteWarnings?: (warnings: string[]) => void;
};

/** The Tiptap editor for story bodies. The server re-parses whatever it sends into the same schema. */
export function useStoryEditor({ initialHtml, editable, onChange, onBlur, labelledBy, describedBy, extensions = [], onPasteWarnings }: Options) {
  return useEditor(
    {
      // DocxImageSlot: where a photo from an imported .docx waits for "Add" or "Skip" (never saved).
      // CommentAnchors: the comments' passages, as decorations beside the text (never saved).
      // OfficePaste: Word/Docs/LibreOffice clipboard HTML rebuilt (lists, tables, notes) before parsing.
      extensions: [...storyExtensions, DocxImageSlot, CommentAnchors, OfficePaste.configure({ onWarnings: onPasteWarnings ?? null }), Placeholder.configure({ placeholder: "Write the story…" }), ...extensions],
      content: initialHtml,
      editable,
      immediatelyRender: false,
      editorProps: {
        attributes: {
          class: "prose-story p-4",
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": labelledBy,
          ...(describedBy ? { "aria-describedby": describedBy } : {}),
          "data-testid": "story-body",
        },
      },
      onUpdate: ({ editor: e, transaction }) => onChange(e.getHTML(), { normalised: !transaction.docChanged }),
      onBlur: () => onBlur?.(),
    },
    [editable],
  );
}

export function RichTextEditor({ editor, editable, tools }: { editor: Editor | null; editable: boolean; tools?: ReactNode }) {
  return (
    <div className="rounded border border-muted">
      {editor && editable && <Toolbar editor={editor} tools={tools} />}
      <EditorContent editor={editor} />
    </div>
  );
}
