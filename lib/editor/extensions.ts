/**
 * The one Tiptap schema for story bodies, shared by the browser editor and the server renderer,
 * so what an editor can make is exactly what the server accepts: paragraphs, subheadings (h2/h3),
 * bold, italic, links, block quotes, bullet and numbered lists, line breaks, simple tables
 * (merged cells allowed, no table inside a cell: paste-office.ts flattens those), endnotes.
 */
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { Figure } from "./figure";
import { suggestionMarks } from "./suggestion-marks";
import { NoteLinkIds } from "./notes";

export const storyExtensions = [
  StarterKit.configure({
    heading: { levels: [2, 3] },
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    horizontalRule: false,
    link: {
      openOnClick: false,
      autolink: true,
      // Only web and mail links survive; javascript:, data: and the like are dropped.
      protocols: ["http", "https", "mailto"],
      isAllowedUri: (url, ctx) => /^(https?:|mailto:|\/|#)/i.test(url) && ctx.defaultValidate(url),
      HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
    },
  }),
  Figure,
  // Suggested edits (insertion, deletion, modification): stored in the body, never shown to readers.
  ...suggestionMarks,
  // The wrapper div lets a wide table scroll sideways on a phone instead of the page.
  TableKit.configure({ table: { resizable: false, renderWrapper: true, HTMLAttributes: { class: null } } }),
  NoteLinkIds,
];
