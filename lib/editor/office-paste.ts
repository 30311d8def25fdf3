/**
 * The editor's paste path for Word, Google Docs and LibreOffice: ProseMirror hands the
 * clipboard's text/html to transformPastedHTML before parsing it into the story schema, and
 * the same normalisation the server runs on imports (paste-office.ts) rebuilds lists, tables,
 * notes and headings there. Other HTML (a web page, the editor's own copy) is left alone, so
 * its h2/h3 keep their meaning.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { cleanOfficeHtml, isOfficeHtml } from "./paste-office";

export const OfficePaste = Extension.create({
  name: "officePaste",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("officePaste"),
        props: {
          transformPastedHTML(html) {
            if (!isOfficeHtml(html)) return html;
            return cleanOfficeHtml(html, (h) => new DOMParser().parseFromString(h, "text/html"), { rankHeadings: true }).html;
          },
        },
      }),
    ];
  },
});
