/**
 * The image pipeline for the media library. No Prisma, no Next: bytes in, renditions out, plus
 * the few filesystem helpers that place them under data/media.
 *
 * Rules that always hold:
 * - The type is decided by the file's bytes (magic numbers), never by its name or the client's
 *   MIME type. Anything but JPEG, PNG, WebP and HEIC/HEIF is a VALIDATION error on field "file".
 * - Nothing an uploader's camera wrote survives: pixels are re-encoded from a raw buffer after
 *   EXIF auto-rotation, so EXIF (GPS!), XMP, IPTC and ICC never reach a rendition.
 * - Renditions never upscale. Widths above the original are skipped; at least one is kept.
 * - A HEIC is decoded only if its box tree declares every image's size within MAX_PIXELS
 *   (heif-boxes.ts), and then only in a worker thread with limits (heic-decoder.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { dataDir } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { decodeHeicInWorker, HeicDecodeError } from "@/lib/media/heic-decoder";
import { readHeifSizes } from "@/lib/media/heif-boxes";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_MEGAPIXELS, MEDIA_MESSAGES } from "@/lib/validation/media";

/**
 * No libvips operation cache: each upload's pixels are used once, so a cache (50 MB by default)
 * only kept native memory that the server's RSS never gave back (issue 16).
 */
sharp.cache(false);
/**
 * One libvips thread per operation: an upload's encodes (AVIF above all) took both cores, and the
 * readers' p99 doubled while a 12 MP HEIC photo was processed (`npm run loadtest -- --heic-only`:
 * 2.10x with libvips' default of one thread per core, 1.61x and 1.51x with one). The upload itself
 * was no slower (median 5.4 s before, 5.0 and 5.7 s after), since the encodes already ran one at a time.
 */
sharp.concurrency(1);

export const MAX_PIXELS = MAX_UPLOAD_MEGAPIXELS * 1_000_000;
export const RENDITION_WIDTHS = [320, 640, 1024, 1600] as const;

export type ImageKind = "jpeg" | "png" | "webp" | "heic";
export const MIME_TYPES: Record<ImageKind, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp", heic: "image/heic" };

export type RenditionFormat = "webp" | "avif" | "jpeg";
const EXTENSIONS: Record<RenditionFormat, string> = { webp: "webp", avif: "avif", jpeg: "jpg" };
const CONTENT_TYPES: Record<string, string> = { webp: "image/webp", avif: "image/avif", jpg: "image/jpeg" };

export type Rendition = { width: number; height: number; format: RenditionFormat; file: string; data: Buffer };
/** One entry of Media.variants (JSON). `key` is the path under data/media and /media/. */
export type Variant = { width: number; height: number; format: RenditionFormat; key: string; bytes: number };

export type ProcessedImage = {
  kind: ImageKind;
  mimeType: string;
  /** Upright size of the original (after EXIF rotation). */
  width: number;
  height: number;
  renditions: Rendition[];
};

function invalid(message: string): AppError {
  return new AppError("VALIDATION", message, { fields: { file: message } });
}

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "mif1", "msf1", "heif"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The image type by magic numbers, or null for anything we do not accept. */
export function detectImageType(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return "png";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === "ftyp") {
    // ISO-BMFF: [size][ftyp][major brand][minor version][compatible brands...]
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const boxEnd = Math.min(view.getUint32(0), bytes.length, 4096);
    const major = ascii(bytes, 8, 12);
    const compatible: string[] = [];
    for (let i = 16; i + 4 <= boxEnd; i += 4) compatible.push(ascii(bytes, i, i + 4));
    if (HEIF_BRANDS.has(major)) return "heic";
    // AVIF files also list mif1; they are not HEIC, and the HEIC decoder cannot read them.
    if (AVIF_BRANDS.has(major) || compatible.some((b) => AVIF_BRANDS.has(b))) return null;
    if (compatible.some((b) => HEIF_BRANDS.has(b))) return "heic";
  }
  return null;
}

/** Rendition widths for an image `width` pixels wide: never wider than it, at least one. */
export function renditionWidths(width: number): number[] {
  const widths: number[] = RENDITION_WIDTHS.filter((w) => w <= width);
  return widths.length > 0 ? widths : [width];
}

/** HEIC bytes in, bytes sharp can read out (JPEG). The default runs in a worker thread. */
export type HeicDecoder = (input: Uint8Array) => Promise<Uint8Array>;

/**
 * Bytes of an upload in, renditions out: WebP and AVIF at every width, and a JPEG fallback at
 * the largest. Throws a VALIDATION AppError (field "file") for anything the user must fix.
 */
export async function processImage(input: Uint8Array, { decodeHeic = decodeHeicInWorker }: { decodeHeic?: HeicDecoder } = {}): Promise<ProcessedImage> {
  if (input.length === 0) throw invalid(MEDIA_MESSAGES.empty);
  if (input.length > MAX_UPLOAD_BYTES) throw invalid(MEDIA_MESSAGES.tooBig);
  const kind = detectImageType(input);
  if (!kind) throw invalid(MEDIA_MESSAGES.notImage);

  let source: Buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (kind === "heic") {
    // sharp's libheif has no HEVC decoder; heic-convert (libheif in wasm) makes a JPEG first,
    // in a worker. The declared sizes are checked first: no size, no decode.
    const sizes = readHeifSizes(input);
    if (!sizes.ok) throw invalid(sizes.reason === "missing" ? MEDIA_MESSAGES.heicNoSize : MEDIA_MESSAGES.heicUnreadable);
    if (sizes.decodedPixels > MAX_PIXELS) throw invalid(MEDIA_MESSAGES.tooManyPixels);
    try {
      source = Buffer.from(await decodeHeic(input));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw invalid(error instanceof HeicDecodeError && error.reason === "timeout" ? MEDIA_MESSAGES.heicTooSlow : MEDIA_MESSAGES.heicUnreadable);
    }
  }

  // Decoding: any failure here is the file's fault, so it is a message for the user.
  let raw: { data: Buffer; info: sharp.OutputInfo };
  let upright: { width: number; height: number };
  try {
    const meta = await sharp(source).metadata();
    if (meta.width * meta.height > MAX_PIXELS) throw invalid(MEDIA_MESSAGES.tooManyPixels);
    upright = meta.autoOrient;
    const largest = Math.max(...renditionWidths(upright.width));
    raw = await sharp(source, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: largest, withoutEnlargement: true })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw invalid(MEDIA_MESSAGES.tooManyPixels);
    throw invalid(kind === "heic" ? MEDIA_MESSAGES.heicUnreadable : MEDIA_MESSAGES.unreadable);
  }

  // Encoding from raw pixels: there is no metadata left to copy, by construction.
  const { width: rawWidth, height: rawHeight, channels } = raw.info;
  const fromRaw = (width: number) => {
    const image = sharp(raw.data, { raw: { width: rawWidth, height: rawHeight, channels: channels as 1 | 2 | 3 | 4 } });
    return width < rawWidth ? image.resize({ width }) : image;
  };
  const encode = async (width: number, format: RenditionFormat): Promise<Rendition> => {
    let image = fromRaw(width);
    if (format === "webp") image = image.webp({ quality: 78, effort: 4 });
    else if (format === "avif") image = image.avif({ quality: 50, effort: 2, chromaSubsampling: "4:2:0" });
    else image = image.flatten({ background: "#ffffff" }).jpeg({ quality: 82, mozjpeg: true });
    const { data, info } = await image.toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, format, file: `${info.width}.${EXTENSIONS[format]}`, data };
  };
  const widths = renditionWidths(upright.width).map((w) => Math.min(w, rawWidth));
  // One encode at a time (libvips still threads each one): an upload never takes every core
  // of the thread pool at once, so page requests keep a share of it.
  const renditions: Rendition[] = [];
  for (const width of widths) renditions.push(await encode(width, "webp"), await encode(width, "avif"));
  renditions.push(await encode(widths[widths.length - 1]!, "jpeg"));
  return { kind, mimeType: MIME_TYPES[kind], width: upright.width, height: upright.height, renditions };
}

// ---- Storage: data/media/<2-char prefix>/<id>/<width>.<ext> ----

/** The directory holding every processed file (inside the backup's media set). */
export function mediaRoot(): string {
  return path.join(dataDir(), "media");
}

/** A fresh, unguessable media id; it also names the folder, so files exist before the row. */
export function newMediaId(): string {
  return randomBytes(12).toString("hex");
}

export function storageKeyFor(id: string): string {
  return `${id.slice(0, 2)}/${id}`;
}

/** Write every rendition under `root/storageKey`; on any failure nothing is left behind. */
export async function storeRenditions({ root, storageKey, renditions }: { root: string; storageKey: string; renditions: Rendition[] }): Promise<Variant[]> {
  const dir = path.join(root, storageKey);
  await mkdir(dir, { recursive: true });
  try {
    await Promise.all(renditions.map((r) => writeFile(path.join(dir, r.file), r.data, { flag: "wx" })));
  } catch (error) {
    await removeStored({ root, storageKey });
    throw error;
  }
  return variantsFor(storageKey, renditions);
}

export async function removeStored({ root, storageKey }: { root: string; storageKey: string }): Promise<void> {
  await rm(path.join(root, storageKey), { recursive: true, force: true });
}

/** Variants named as storeRenditions names them, for renditions kept elsewhere (the database). */
export function variantsFor(storageKey: string, renditions: readonly Rendition[]): Variant[] {
  return renditions.map((r) => ({ width: r.width, height: r.height, format: r.format, key: `${storageKey}/${r.file}`, bytes: r.data.length }));
}

/** The Content-Type of a rendition by its key's extension. */
export function contentTypeOfKey(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf(".") + 1)] ?? "application/octet-stream";
}

/**
 * A /media/… URL path, as segments, to the file it names, or null. Only names this pipeline
 * writes match (`ab/ab…/640.webp`), so no dot, slash or other name can reach the filesystem.
 */
export function resolveMediaPath(root: string, segments: readonly string[]): { file: string; contentType: string } | null {
  if (segments.length !== 3) return null;
  const [prefix, id, name] = segments as [string, string, string];
  if (!/^[a-z0-9]{2}$/.test(prefix) || !/^[a-z0-9]{8,64}$/.test(id) || !id.startsWith(prefix)) return null;
  const match = /^[1-9][0-9]{0,4}\.(webp|avif|jpg)$/.exec(name);
  if (!match) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, prefix, id, name);
  if (!file.startsWith(base + path.sep)) return null;
  return { file, contentType: CONTENT_TYPES[match[1]!]! };
}
