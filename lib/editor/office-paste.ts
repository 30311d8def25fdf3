/**
 * The editor's paste path for Word, Google Docs and LibreOffice: ProseMirror hands the
 * clipboard's text/html to transformPastedHTML before parsing it into the story schema, and
 * the same normalisation the server runs on imports (paste-office.ts) rebuilds lists, tables,
 * notes and headings there. Other HTML (a web page, the editor's own copy) is left alone, so
 * its h2/h3 keep their meaning. Any pasted table goes in whole (transformPasted).
 */
import { Extension } from "@tiptap/core";
import { Slice } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { cleanOfficeHtml, isOfficeHtml } from "./paste-office";

export type OfficePasteOptions = {
  /** Told what a paste could not keep as it was (a table in a table, heading levels merged), so the writer sees it. */
  onWarnings: ((warnings: string[]) => void) | null;
};

export const OfficePaste = Extension.create<OfficePasteOptions>({
  name: "officePaste",
  addOptions() {
    return { onWarnings: null };
  },
  addProseMirrorPlugins() {
    const { onWarnings } = this.options;
    return [
      new Plugin({
        key: new PluginKey("officePaste"),
        props: {
          transformPastedHTML(html) {
            if (!isOfficeHtml(html)) return html;
            const cleaned = cleanOfficeHtml(html, (h) => new DOMParser().parseFromString(h, "text/html"), { rankHeadings: true });
            onWarnings?.(cleaned.warnings);
            return cleaned.html;
          },
          // ProseMirror opens a pasted slice as deep as it can, so a table at its edge is opened
          // down to its first (or last) cell, and fitting that into a paragraph emptied the
          // cells of the first row. A table at either edge is pasted whole instead.
          transformPasted(slice) {
            const first = slice.content.firstChild?.type.name === "table";
            const last = slice.content.lastChild?.type.name === "table";
            if (!first && !last) return slice;
            return new Slice(slice.content, first ? 0 : slice.openStart, last ? 0 : slice.openEnd);
          },
        },
      }),
    ];
  },
});
