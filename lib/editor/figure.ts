/**
 * An inline image from the media library: a block atom node holding the library id and what
 * the reader sees (src, alt, caption, credit). Only images served by this site (/media/…) parse;
 * a pasted <figure> pointing anywhere else is dropped, so stories cannot hotlink or track.
 *
 * HTML: <figure data-media-id="…"><img src alt width height loading="lazy">
 *       <figcaption>caption <span class="credit">credit</span></figcaption></figure>
 */
import { Node } from "@tiptap/core";
import type { DOMOutputSpec } from "@tiptap/pm/model";

export type FigureAttrs = {
  mediaId: string;
  src: string;
  alt?: string;
  caption?: string;
  credit?: string;
  width?: number | null;
  height?: number | null;
};

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    figure: {
      /** Insert a library image at the selection. */
      setFigure: (attrs: FigureAttrs) => ReturnType;
    };
  }
}

export const FIGURE_MEDIA_ID = /^[a-z0-9]{1,64}$/i;
export const FIGURE_SRC = /^\/media\/[a-z0-9]{2}\/[a-z0-9]{8,64}\/[1-9][0-9]{0,4}\.(?:jpg|webp|avif)$/;

function img(el: HTMLElement): HTMLElement | null {
  return el.querySelector("img");
}

function creditOf(el: HTMLElement): string {
  return el.querySelector("figcaption .credit")?.textContent?.trim() ?? "";
}

function captionOf(el: HTMLElement): string {
  const figcaption = el.querySelector("figcaption");
  if (!figcaption) return "";
  const copy = figcaption.cloneNode(true) as HTMLElement;
  copy.querySelectorAll(".credit").forEach((c) => c.remove());
  return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
}

function dimension(value: string | null | undefined): number | null {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n > 0 && n < 100_000 ? n : null;
}

export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    // Every attribute is parsed from the <figure> as a whole and rendered by renderHTML below.
    return {
      mediaId: { default: null, rendered: false, parseHTML: (el) => el.getAttribute("data-media-id") },
      src: { default: null, rendered: false, parseHTML: (el) => img(el)?.getAttribute("src") ?? null },
      alt: { default: "", rendered: false, parseHTML: (el) => (img(el)?.getAttribute("alt") ?? "").trim() },
      caption: { default: "", rendered: false, parseHTML: captionOf },
      credit: { default: "", rendered: false, parseHTML: creditOf },
      width: { default: null, rendered: false, parseHTML: (el) => dimension(img(el)?.getAttribute("width")) },
      height: { default: null, rendered: false, parseHTML: (el) => dimension(img(el)?.getAttribute("height")) },
    };
  },

  parseHTML() {
    return [
      {
        tag: "figure[data-media-id]",
        getAttrs: (el) => {
          const id = el.getAttribute("data-media-id") ?? "";
          const src = img(el)?.getAttribute("src") ?? "";
          return FIGURE_MEDIA_ID.test(id) && FIGURE_SRC.test(src) ? null : false;
        },
      },
    ];
  },

  renderHTML({ node }) {
    const { mediaId, src, alt, caption, credit, width, height } = node.attrs as FigureAttrs;
    const image: DOMOutputSpec = [
      "img",
      { src, alt: alt ?? "", ...(width ? { width: String(width) } : {}), ...(height ? { height: String(height) } : {}), loading: "lazy" },
    ];
    // Strings in an output spec become text nodes.
    const parts: (string | DOMOutputSpec)[] = [];
    if (caption) parts.push(caption);
    if (caption && credit) parts.push(" ");
    if (credit) parts.push(["span", { class: "credit" }, credit]);
    return ["figure", { "data-media-id": mediaId }, image, ...(parts.length > 0 ? [["figcaption", {}, ...parts] as DOMOutputSpec] : [])];
  },

  renderText({ node }) {
    // Word counts and plain-text diffs see the caption, not the markup.
    return [node.attrs.caption, node.attrs.credit].filter(Boolean).join(" ");
  },

  addCommands() {
    return {
      setFigure:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
    };
  },
});
