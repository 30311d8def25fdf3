import "server-only";
import { randomBytes } from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import mammoth from "mammoth";
import yauzl from "yauzl";
import { AppError } from "@/lib/errors";
import { docxImageSlotHtml } from "./docx-slot";
import { cleanOfficeBody, renderBodyFromHtml, renderBodyFromJson } from "./render";

/** A picture found in a .docx, in document order. Its bytes are read only when asked for. */
export type DocxImage = {
  /** `image-1`, `image-2`, … in document order; names the slot in `body`. */
  key: string;
  /** The content type the .docx declares (by extension); the media pipeline checks the bytes. */
  contentType: string;
  /** Word's alt text (Alt Text pane, "descr"), else the picture's title; may be empty. */
  altText: string;
  read: () => Promise<Buffer>;
};

export type DocxImport = {
  /** Story-schema HTML; each image's place is marked with `<div data-docx-image="image-N"></div>`. */
  body: string;
  images: DocxImage[];
  /** One sentence per thing in the document the story could not keep as it was (merged heading levels, a table in a table, a photo in a table). */
  warnings: string[];
};

function isTextblock(node: JSONContent): boolean {
  return node.type === "paragraph" || node.type === "heading";
}

function isBlank(node: JSONContent): boolean {
  return (node.content ?? []).every((c) => c.type === "hardBreak" || (c.type === "text" && (c.text ?? "").trim() === ""));
}

/** Trim the whitespace left at a split: "before ⟨photo⟩ after" becomes "before" and "after". */
function trimEdges(content: JSONContent[]): JSONContent[] {
  const out = content.map((c) => ({ ...c }));
  const first = out[0];
  if (first?.type === "text") first.text = (first.text ?? "").replace(/^\s+/, "");
  const last = out.at(-1);
  if (last?.type === "text") last.text = (last.text ?? "").replace(/\s+$/, "");
  return out.filter((c) => c.type !== "text" || (c.text ?? "") !== "");
}

/**
 * Split one top-level block at the image markers inside it. A paragraph or heading is cut in
 * two around each image, so the photo stands exactly where it was; inside a list or a quote,
 * the markers are taken out and the photos follow the block.
 */
function splitAtImages(block: JSONContent, marker: RegExp, slot: (n: number) => JSONContent): JSONContent[] {
  // Blocks without a picture stay exactly as the schema made them.
  if (!JSON.stringify(block).match(marker)) return [block];
  if (isTextblock(block)) {
    const out: JSONContent[] = [];
    let current: JSONContent[] = [];
    const flush = () => {
      const piece = { ...block, content: trimEdges(current) };
      if (!isBlank(piece)) out.push(piece);
      current = [];
    };
    for (const child of block.content ?? []) {
      if (child.type !== "text" || !child.text) {
        current.push(child);
        continue;
      }
      let last = 0;
      for (const m of child.text.matchAll(marker)) {
        if (m.index > last) current.push({ ...child, text: child.text.slice(last, m.index) });
        flush();
        out.push(slot(Number(m[1])));
        last = m.index + m[0].length;
      }
      if (last < child.text.length) current.push(last === 0 ? child : { ...child, text: child.text.slice(last) });
    }
    flush();
    return out;
  }
  const found: number[] = [];
  const strip = (node: JSONContent): JSONContent | null => {
    if (node.type === "text") {
      const text = (node.text ?? "").replace(marker, (_, n: string) => {
        found.push(Number(n));
        return "";
      });
      return text ? { ...node, text } : null;
    }
    if (!node.content) return node;
    const before = found.length;
    let content = node.content.map(strip).filter((c): c is JSONContent => c !== null);
    if (isTextblock(node) && found.length > before) content = trimEdges(content);
    // A paragraph (or list item, or list) that held nothing but the picture goes with it.
    if (node.content.length > 0 && content.length === 0) return null;
    const stripped = { ...node, content };
    return isTextblock(stripped) && isBlank(stripped) && !isBlank(node) ? null : stripped;
  };
  const cleaned = strip(block);
  return [...(cleaned ? [cleaned] : []), ...found.map(slot)];
}

/**
 * A Word or Google Docs .docx to story HTML with mammoth: headings, paragraphs, bold/italic,
 * links and lists survive; everything goes through the story schema like any other body.
 * Pictures come back as `images` (read on demand), each with a slot in `body` where it stood.
 */
export async function importDocx(buffer: Buffer): Promise<DocxImport> {
  // A .docx is a zip: check the bytes, not the name.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError("VALIDATION", "That is not a .docx file.", { fields: { file: "That is not a .docx file (Word or Google Docs → Download → .docx)." } });
  }
  await assertUnzipsSafely(buffer);
  // Markers carry a fresh nonce, so text in the document can never pose as an image.
  const nonce = randomBytes(8).toString("hex");
  const images: DocxImage[] = [];
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        // The title and subtitle keep their sizes; Heading 1–6 are ranked onto h2/h3 afterwards.
        styleMap: ["p[style-name='Title'] => h1.mh-title:fresh", "p[style-name='Subtitle'] => h2.mh-subtitle:fresh"],
        convertImage: mammoth.images.imgElement(async (image) => {
          const n = images.length + 1;
          images.push({ key: `image-${n}`, contentType: image.contentType ?? "", altText: ((image as { altText?: string }).altText ?? "").trim(), read: () => image.readAsBuffer() });
          return { src: `masthead-docx:${n}` };
        }),
      },
    );
    html = result.value;
  } catch {
    throw new AppError("VALIDATION", "That file could not be read as a Word document.", { fields: { file: "That file could not be read as a Word document." } });
  }
  // The story schema has no <img> for outside pictures: each becomes a text marker, which the
  // schema keeps, and the markers become slots once the text is clean.
  const inline = (n: number | string) => `MHDOCX${nonce}I${n}E`;
  const slotToken = (n: number | string) => `MHDOCX${nonce}S${n}E`;
  html = html.replace(/<img\b[^>]*\bsrc="masthead-docx:(\d+)"[^>]*>/g, (_, n: string) => inline(n));
  const cleaned = cleanOfficeBody(html, { rankHeadings: true });
  const warnings = [...cleaned.warnings];
  const rendered = renderBodyFromHtml(cleaned.html);

  const marker = new RegExp(`MHDOCX${nonce}I(\\d+)E`, "g");
  const placed = new Set<number>();
  const slot = (n: number): JSONContent => {
    placed.add(n);
    return { type: "paragraph", content: [{ type: "text", text: slotToken(n) }] };
  };
  const inTables = (rendered.json.content ?? []).filter((b) => b.type === "table").reduce((n, b) => n + (JSON.stringify(b).match(marker)?.length ?? 0), 0);
  if (inTables > 0) warnings.push(`${inTables === 1 ? "A photo inside a table was" : `${inTables} photos inside tables were`} placed after the table: a table cell holds text only.`);
  const blocks = (rendered.json.content ?? []).flatMap((block) => splitAtImages(block, marker, slot));
  // A picture the schema dropped with its surroundings (a text box, say) goes at the end.
  for (let n = 1; n <= images.length; n++) if (!placed.has(n)) blocks.push(slot(n));

  const body = renderBodyFromJson({ ...rendered.json, content: blocks })
    .html.replace(new RegExp(`<p>MHDOCX${nonce}S(\\d+)E</p>`, "g"), (_, n: string) => docxImageSlotHtml(`image-${n}`))
    .replace(new RegExp(`MHDOCX${nonce}[IS]\\d+E`, "g"), "");
  return { body, images, warnings };
}

/** `body` without the slots of the given images (those that could not be imported). */
export function removeDocxImageSlots(body: string, keys: Iterable<string>): string {
  let out = body;
  for (const key of keys) out = out.split(docxImageSlotHtml(key)).join("");
  return out;
}

/** What a .docx may unzip to. mammoth unzips in memory, and a small zip can hold gigabytes. */
export const DOCX_LIMITS = { unzippedBytes: 100 * 1024 * 1024, entries: 2000 };

/**
 * Refuse a zip bomb before mammoth sees it: every entry is inflated as a stream (yauzl checks
 * each against the size its header declares) and counted, and nothing is kept.
 */
async function assertUnzipsSafely(buffer: Buffer) {
  const tooBig = () =>
    new AppError("VALIDATION", "That document unpacks to more than 100 MB.", { fields: { file: "That document unpacks to more than 100 MB: save it again from Word or Google Docs, or split it." } });
  const unreadable = () => new AppError("VALIDATION", "That file could not be read as a Word document.", { fields: { file: "That file could not be read as a Word document." } });
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw unreadable();
  }
  if (zip.entryCount > DOCX_LIMITS.entries) throw tooBig();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on("error", () => reject(unreadable()));
    zip.on("end", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith("/")) return zip.readEntry();
      total += entry.uncompressedSize;
      if (total > DOCX_LIMITS.unzippedBytes) return reject(tooBig());
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(unreadable());
        let inflated = 0;
        stream.on("data", (chunk: Buffer) => {
          inflated += chunk.length;
          if (inflated > entry.uncompressedSize) stream.destroy(tooBig());
        });
        stream.on("error", (e) => reject(e instanceof AppError ? e : unreadable()));
        stream.on("end", () => zip.readEntry());
      });
    });
    zip.readEntry();
  }).finally(() => zip.close());
}
