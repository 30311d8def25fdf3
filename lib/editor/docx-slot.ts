/**
 * Where a photo stood in an imported .docx, until the user adds it or skips it. The importer
 * marks each photo's place with `<div data-docx-image="image-N"></div>`; the newsroom editor
 * shows it as a box ("Photo 1 from the document") and replaces it with a figure on "Add", or
 * removes it on "Skip".
 *
 * Rules that always hold:
 * - The slot is not part of the story schema (lib/editor/extensions.ts). The server drops it
 *   from any body it receives, so an undecided photo never reaches a saved revision or a reader.
 * - Its HTML has no text inside, so dropping it leaves no stray words behind either.
 */
import { type JSONContent, Node } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import type { FigureAttrs } from "./figure";

export const DOCX_IMAGE_ATTR = "data-docx-image";
export const DOCX_IMAGE_KEY = /^image-[1-9][0-9]{0,3}$/;

/** The number in "image-3", for labels ("Photo 3 from the document"). */
export function docxImageNumber(key: string): number {
  return Number.parseInt(key.slice("image-".length), 10);
}

/** The slot's HTML as the importer writes it. */
export function docxImageSlotHtml(key: string): string {
  return `<div ${DOCX_IMAGE_ATTR}="${key}"></div>`;
}

export const DocxImageSlot = Node.create({
  name: "docxImage",
  group: "block",
  atom: true,
  // Selectable, so a writer who does not want the photo there can also just delete the box.
  selectable: true,
  draggable: false,

  addAttributes() {
    return { key: { default: null, rendered: false, parseHTML: (el) => el.getAttribute(DOCX_IMAGE_ATTR) } };
  },

  parseHTML() {
    return [{ tag: `div[${DOCX_IMAGE_ATTR}]`, getAttrs: (el) => (DOCX_IMAGE_KEY.test(el.getAttribute(DOCX_IMAGE_ATTR) ?? "") ? null : false) }];
  },

  renderHTML({ node }) {
    return ["div", { [DOCX_IMAGE_ATTR]: String(node.attrs.key) }];
  },

  renderText() {
    return "";
  },

  addNodeView() {
    // The label lives only in the view, never in the HTML the editor saves.
    return ({ node }) => {
      const dom = document.createElement("div");
      dom.contentEditable = "false";
      dom.className = "my-3 rounded border-2 border-dashed border-rule p-3 text-sm text-muted";
      dom.setAttribute("data-testid", `docx-slot-${String(node.attrs.key)}`);
      dom.textContent = `Photo ${docxImageNumber(String(node.attrs.key))} from the document goes here: add it or skip it under “Photos from the document”.`;
      return { dom };
    };
  },
});

/** Position and node of the slot for `key`, or null when the user has deleted it. */
export function findDocxImageSlot(doc: PMNode, key: string): { pos: number; node: PMNode } | null {
  let found: { pos: number; node: PMNode } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === "docxImage" && node.attrs.key === key) {
      found = { pos, node };
      return false;
    }
    return true;
  });
  return found;
}

/**
 * Resolve the slot for `key` in a transaction: with `figure`, the photo takes the slot's place
 * (or goes at the end of the story if its slot was deleted); with null, the slot is removed.
 * Returns where the figure went.
 */
export function fillDocxImageSlot(tr: Transaction, key: string, figure: FigureAttrs | null): "slot" | "end" | "none" {
  const slot = findDocxImageSlot(tr.doc, key);
  const figureType = tr.doc.type.schema.nodes.figure;
  if (!figure || !figureType) {
    if (slot) tr.delete(slot.pos, slot.pos + slot.node.nodeSize);
    return "none";
  }
  const node = figureType.create(figure);
  if (slot) {
    tr.replaceWith(slot.pos, slot.pos + slot.node.nodeSize, node);
    return "slot";
  }
  tr.insert(tr.doc.content.size, node);
  return "end";
}

/** The editor's document without its undecided photo slots: what autosave sends as `bodyJson`. */
export function withoutDocxSlots(node: JSONContent): JSONContent {
  if (!node.content) return node;
  return { ...node, content: node.content.filter((child) => child.type !== "docxImage").map(withoutDocxSlots) };
}
