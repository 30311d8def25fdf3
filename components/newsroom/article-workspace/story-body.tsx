"use client";
import type { Editor } from "@tiptap/react";
import { type ReactNode, useRef } from "react";
import { FormMessage } from "@/components/ui/field";
import { DocxImages } from "../docx-images";
import { RichTextEditor } from "../rich-text-editor";
import type { useDocxImport } from "./use-docx-import";

type Props = {
  labelId: string;
  canEdit: boolean;
  /** The user may only suggest: the body takes typing (recorded as suggestions), nothing else does. */
  suggestOnly?: boolean;
  editor: Editor | null;
  docx: ReturnType<typeof useDocxImport>;
  error?: string;
  /** More toolbar buttons (the Editing/Suggesting switch). */
  tools?: ReactNode;
  /** What the last paste from Word, Google Docs or LibreOffice could not keep as it was. */
  pasteWarnings?: string[];
  onDismissPasteWarnings?: () => void;
};

/** The story text, with the .docx import beside its label and the imported photos waiting above it. */
export function StoryBody({ labelId, canEdit, suggestOnly = false, editor, docx, error, tools, pasteWarnings = [], onDismissPasteWarnings }: Props) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span id={labelId} className="text-sm font-semibold">
          Story
        </span>
        {canEdit && (
          <>
            {/* The visible button takes the Tab stop (with the focus ring); the file input behind it takes none. */}
            <button type="button" className="text-sm underline" onClick={() => fileInput.current?.click()}>
              Import a .docx file
            </button>
            <input
              ref={fileInput}
              type="file"
              tabIndex={-1}
              aria-hidden="true"
              accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              className="sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void docx.importFile(file);
                // Cleared, so choosing the same file again imports it again.
                e.target.value = "";
              }}
            />
          </>
        )}
      </div>
      {docx.importing && (
        <p role="status" className="text-sm text-muted">
          Importing the document and preparing its photos…
        </p>
      )}
      {docx.note && <FormMessage ok={docx.note.ok} message={docx.note.message} />}
      {docx.offer && (
        <DocxImages key={docx.offer.importId ?? "failed-only"} docx={docx.offer} allowLead onAdded={docx.placed} onSkipped={docx.skipped} onClose={docx.close} />
      )}
      {pasteWarnings.length > 0 && (
        <div role="status" className="sticky top-2 z-10 flex flex-wrap items-start justify-between gap-2 rounded border-2 border-rule bg-panel p-2 text-sm shadow" data-testid="paste-warnings">
          <p>
            <span className="font-semibold">Pasted. Not kept as it was:</span> {pasteWarnings.join(" ")}
          </p>
          <button type="button" className="underline" onClick={onDismissPasteWarnings}>
            Dismiss
          </button>
        </div>
      )}
      <RichTextEditor editor={editor} editable={canEdit || suggestOnly} tools={tools} />
      {error && (
        <p id="body-error" role="alert" className="text-sm font-semibold text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
