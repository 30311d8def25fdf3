/**
 * Story bodies on the server: any incoming HTML (the editor, the API, a paste from Word or
 * Google Docs) is parsed into the story schema, which keeps only what the editor can make, then
 * rendered back to HTML and passed through sanitize-html as a second, independent allowlist.
 */
import type { JSONContent } from "@tiptap/core";
import { generateHTML, generateJSON } from "@tiptap/html/server";
import sanitizeHtml from "sanitize-html";
import { withoutCommentMarks } from "@/lib/domain/anchors";
import { storyExtensions } from "@/lib/editor/extensions";
import { withoutSuggestions } from "@/lib/editor/suggestions";
import { cleanOfficeDocument, NOTE_ID, type OfficeCleanOptions, stripConditionalComments } from "@/lib/editor/paste-office";
import { withHtmlDocument } from "@/lib/editor/server-dom";
import { AppError } from "@/lib/errors";

export type RenderedBody = { json: JSONContent; html: string; text: string; wordCount: number };

const OUTPUT_ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: ["p", "h2", "h3", "strong", "em", "a", "blockquote", "ul", "ol", "li", "br", "figure", "img", "figcaption", "span", "div", "table", "tbody", "tr", "th", "td"],
  allowedAttributes: {
    a: ["href", "rel", "id"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan"],
    div: ["class", "role", "tabindex", "aria-label"],
    ol: ["start"],
    figure: ["data-media-id"],
    img: ["src", "alt", "width", "height", "loading"],
    span: ["class"],
  },
  // Only the credit line keeps a class; comment anchors lose theirs (and their ids) for readers.
  allowedClasses: { span: ["credit"], div: ["table-scroll"] },
  transformTags: {
    // Only note links keep an id (lib/editor/notes.ts); merged cells keep their spans, not 1s.
    a: (tagName, attribs) => {
      const { id, ...rest } = attribs;
      return { tagName, attribs: id && NOTE_ID.test(id) ? { ...rest, id } : rest };
    },
    // A wide table scrolls inside its own focusable region on a phone, not the whole page.
    div: (tagName, attribs): sanitizeHtml.Tag =>
      attribs.class === "tableWrapper" ? { tagName, attribs: { class: "table-scroll", role: "region", tabindex: "0", "aria-label": "Table" } } : { tagName: "span", attribs: {} },
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // Images only from this site's own media library. A suggested insertion (<ins>) goes with its
  // text, should one ever get this far: readers see the story as if every suggestion were rejected.
  exclusiveFilter: (frame) => frame.tag === "ins" || (frame.tag === "img" && !/^\/media\//.test(frame.attribs.src ?? "")),
};

/**
 * The server's HTML parser mis-reads <script>/<style> inside <svg>/<math> and drops all that
 * follows; none of these can reach the schema anyway, so they go before any parsing. Top-level
 * <style> stays for the Office pass, which reads Word's list formats from it.
 */
function strip(html: string): string {
  return html.replace(/<(svg|math)\b[\s\S]*?<\/\1\s*>/gi, "").replace(/<(script)\b[\s\S]*?<\/\1\s*>/gi, "");
}

/** Word's and Docs' clipboard quirks that the schema parser would otherwise turn into noise. */
function preclean(html: string): string {
  return (
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
      // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-…">.
      .replace(/<b\b[^>]*id="docs-internal-guid[^"]*"[^>]*>/gi, "<div>")
      // Docs puts a bare <br> between paragraphs, which would become an empty paragraph.
      .replace(/(<\/(?:p|h[1-6]|ul|ol|blockquote)>)\s*(?:<br\s*\/?>\s*)+/gi, "$1")
      // The story schema has no h1: a pasted title becomes a subheading.
      .replace(/<(\/?)h1\b/gi, "<$1h2")
      // …and h4–h6 become small subheadings, not paragraphs.
      .replace(/<(\/?)h[4-6]\b/gi, "<$1h3")
  );
}

/**
 * Office HTML (Word's list paragraphs, Docs' nested lists, footnotes, bookmarks) made schema-shaped
 * (lib/editor/paste-office.ts); returns the HTML and what could not be kept.
 */
export function cleanOfficeBody(html: string, options: OfficeCleanOptions = {}): { html: string; warnings: string[] } {
  assertParseable(html);
  return withHtmlDocument(stripConditionalComments(strip(html)), (doc) => {
    const warnings = cleanOfficeDocument(doc, options);
    return { html: doc.body.innerHTML, warnings };
  });
}

function isBlank(node: JSONContent): boolean {
  if (node.type !== "paragraph") return false;
  const text = (node.content ?? []).map((c) => (c.type === "text" ? (c.text ?? "") : c.type === "hardBreak" ? "" : "x")).join("");
  return text.replace(/[\s\u00a0]/g, "").length === 0;
}

/** A table row without cells, or a table without rows (a stray <table> or <tr>), holds nothing a reader can see. */
function isHollow(node: JSONContent): boolean {
  return (node.type === "tableRow" || node.type === "table") && (node.content ?? []).length === 0;
}

/** Drop empty paragraphs (pasted blank lines) and hollow tables anywhere in the tree. */
function dropBlankParagraphs(node: JSONContent): JSONContent {
  if (!node.content) return node;
  const content = node.content
    .filter((c) => !isBlank(c))
    .map(dropBlankParagraphs)
    .filter((c) => !isHollow(c));
  return { ...node, content };
}

function collectText(node: JSONContent, out: string[]): void {
  if (node.type === "text") {
    out.push(node.text ?? "");
    return;
  }
  if (node.type === "hardBreak") {
    out.push("\n");
    return;
  }
  const block = node.type !== "doc" && node.type !== "listItem" && node.content !== undefined;
  for (const child of node.content ?? []) collectText(child, out);
  if (block && ["paragraph", "heading"].includes(node.type ?? "")) out.push("\n\n");
}

export function docToText(json: JSONContent): string {
  const out: string[] = [];
  collectText(json, out);
  return out.join("").replace(/\n{3,}/g, "\n\n").trim();
}

export function countWords(text: string): number {
  const words = text.trim().match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu);
  return words ? words.length : 0;
}

const VOID_TAGS = new Set(["br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source", "embed", "param", "track"]);
/** Deeper than any real story; the parsers recurse once per level. */
export const MAX_NESTING = 200;

/** The deepest tag nesting in `html`, by a linear scan (no parsing, no recursion). */
export function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const tag = m[2]!.toLowerCase();
    if (VOID_TAGS.has(tag) || m[3] === "/") continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  return max;
}

function tooDeep(): AppError {
  return new AppError("VALIDATION", "The body's formatting is nested too deeply to be a story.", { fields: { body: "The body's formatting is nested too deeply to be a story." } });
}

/** HTML in, schema-clean JSON + sanitized HTML + plain text out. */
/** Far beyond any real story (a long feature has a few hundred); parsing cost grows with it. */
export const MAX_TAGS = 10_000;

function assertParseable(html: string) {
  if (nestingDepth(html) > MAX_NESTING) throw tooDeep();
  if ((html.match(/<[a-zA-Z]/g)?.length ?? 0) > MAX_TAGS) {
    throw new AppError("VALIDATION", "The body has too many separate elements to be a story.", { fields: { body: "The body has too many separate elements to be a story." } });
  }
}

export function renderBodyFromHtml(html: string): RenderedBody {
  return renderBodyFromJson(docFromHtml(html));
}

/** HTML in, the schema-clean document out (blank paragraphs dropped); no rendering. */
export function docFromHtml(html: string): JSONContent {
  assertParseable(html);
  try {
    const parsed = generateJSON(preclean(cleanOfficeBody(html || "<p></p>").html), storyExtensions) as JSONContent;
    return dropBlankParagraphs(parsed);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
}

/** A body as a save stores it: the document, its readers' text and word count, and no HTML yet. */
export type StoredBody = Omit<RenderedBody, "html">;

/** The document a body is stored as (no comment marks, never empty), as renderBodyFromJson keeps it. */
function storedDoc(json: JSONContent): JSONContent {
  const clean = withoutCommentMarks(json);
  return clean.content && clean.content.length > 0 ? clean : { type: "doc", content: [{ type: "paragraph" }] };
}

/**
 * What a save needs from a document, without rendering or sanitising any HTML: the stored
 * document and the text and word count readers' text would have (every suggestion rejected).
 * A walk over the tree; the HTML is rendered from the stored document when someone else is to
 * see it (renderStoredHtml). Same json, text and word count as renderBodyFromJson.
 */
export function storedBodyFromJson(json: JSONContent): StoredBody {
  const doc = storedDoc(json);
  const text = docToText(withoutSuggestions(doc));
  return { json: doc, text, wordCount: countWords(text) };
}

/** The editor's checked document to a stored body: blank paragraphs dropped, nothing rendered. */
export function storedBodyFromDoc(json: JSONContent): StoredBody {
  return storedBodyFromJson(dropBlankParagraphs(json));
}

/** The sanitised reader HTML of a stored body (its `bodyJson` column), as a save used to store it. */
export function renderStoredHtml(bodyJson: string): string {
  return renderBodyFromJson(JSON.parse(bodyJson) as JSONContent).html;
}

/**
 * Stored JSON in, sanitized HTML out (used when restoring a revision). The JSON keeps its
 * suggestions; the HTML, text and word count are the story with all of them rejected.
 */
export function renderBodyFromJson(json: JSONContent): RenderedBody {
  // Old stories and revisions may still carry comment marks (anchors now live on the comment).
  const doc = storedDoc(json);
  // Readers never see suggested edits: the text as if every suggestion were rejected.
  const forReaders = withoutSuggestions(doc);
  const html = sanitizeHtml(generateHTML(forReaders, storyExtensions), OUTPUT_ALLOWLIST);
  const text = docToText(forReaders);
  return { json: doc, html, text, wordCount: countWords(text) };
}

/**
 * The editor's own document (already checked against the schema by checkBodyDoc) to the stored
 * story: the same clean-up of blank paragraphs as an HTML body gets, with no HTML parsing.
 */
export function renderBodyFromDoc(json: JSONContent): RenderedBody {
  return renderBodyFromJson(dropBlankParagraphs(json));
}

/** Paragraphs of plain text (seed data, .md sources) to schema HTML. */
export function paragraphsToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escape(p)}</p>`)
    .join("");
}

/** Stored JSON to the HTML the editor loads (without legacy comment marks: anchors are decorations now). */
export function editorHtmlFromJson(bodyJson: string): string {
  try {
    return generateHTML(withoutCommentMarks(JSON.parse(bodyJson) as JSONContent), storyExtensions);
  } catch {
    return "<p></p>";
  }
}
