/**
 * The one Tiptap schema for story bodies, shared by the browser editor and the server renderer,
 * so what an editor can make is exactly what the server accepts: paragraphs, subheadings (h2/h3),
 * bold, italic, links, block quotes, bullet and numbered lists, line breaks, simple tables
 * (merged cells allowed, no table inside a cell: paste-office.ts flattens those), endnotes.
 */
import { Blockquote } from "@tiptap/extension-blockquote";
import { Document } from "@tiptap/extension-document";
import { BulletList, ListItem, OrderedList } from "@tiptap/extension-list";
import { TableCell, TableHeader, TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { Figure } from "./figure";
import { BLOCK_SUGGESTION_MARKS, suggestionMarks } from "./suggestion-marks";
import { NoteLinkIds } from "./notes";

/** A node holding blocks, whose blocks may carry suggestion marks (see BLOCK_SUGGESTION_MARKS). */
const holdingSuggestedBlocks = { marks: BLOCK_SUGGESTION_MARKS };

export const storyExtensions = [
  StarterKit.configure({
    // Re-added below, allowing suggestion marks on the blocks they hold.
    document: false,
    blockquote: false,
    bulletList: false,
    orderedList: false,
    listItem: false,
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
  Document.extend(holdingSuggestedBlocks),
  Blockquote.extend(holdingSuggestedBlocks),
  BulletList.extend(holdingSuggestedBlocks),
  OrderedList.extend(holdingSuggestedBlocks),
  ListItem.extend(holdingSuggestedBlocks),
  Figure,
  // Suggested edits (insertion, deletion, modification): stored in the body, never shown to readers.
  ...suggestionMarks,
  // The wrapper div lets a wide table scroll sideways on a phone instead of the page.
  TableKit.configure({ table: { resizable: false, renderWrapper: true, HTMLAttributes: { class: null } }, tableCell: false, tableHeader: false }),
  TableCell.extend(holdingSuggestedBlocks),
  TableHeader.extend(holdingSuggestedBlocks),
  NoteLinkIds,
];
