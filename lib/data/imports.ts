import "server-only";
import path from "node:path";
import { type Actor, can } from "@/lib/auth/policy";
import { type DocxImage, importDocx, removeDocxImageSlots } from "@/lib/editor/docx";
import { docxImageNumber } from "@/lib/editor/docx-slot";
import { AppError, notFound } from "@/lib/errors";
import { type HeicDecoder, mediaRoot, newMediaId, type ProcessedImage, processImage, storageKeyFor } from "@/lib/media/process";
import {
  claimStagedImage,
  discardStagedImage,
  finishImportIfDecided,
  importsRoot,
  newImportId,
  readStagedImport,
  type StagedManifest,
  stageImport,
  sweepStaleImports,
  unclaimStagedImage,
} from "@/lib/media/staging";
import { MAX_DOCX_IMAGES, type TDocxImageAdd, type TDocxImageFailure, type TDocxImageOffer, type TDocxImportResult } from "@/lib/validation/docx-import";
import { MEDIA_MESSAGES, type TMedia } from "@/lib/validation/media";
import { factsOf, findArticleForActor } from "./articles";
import { recordStoredMedia } from "./media";

type Roots = { imports?: string; media?: string };

const TYPE_NAMES: Record<string, string> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/gif": "GIF",
  "image/webp": "WebP",
  "image/heic": "HEIC",
  "image/heif": "HEIF",
  "image/tiff": "TIFF",
  "image/bmp": "BMP",
  "image/svg+xml": "SVG",
  "image/x-emf": "EMF",
  "image/emf": "EMF",
  "image/x-wmf": "WMF",
  "image/wmf": "WMF",
};
const EXTENSIONS: Record<ProcessedImage["kind"], string> = { jpeg: "jpg", png: "png", webp: "webp", heic: "heic" };

function typeName(contentType: string): string {
  return TYPE_NAMES[contentType.toLowerCase()] ?? (contentType.replace(/^image\//, "").toUpperCase() || "unknown type");
}

function labelOf(image: DocxImage): string {
  return `Photo ${docxImageNumber(image.key)} (${typeName(image.contentType)})`;
}

/** Windows metafiles (Word's vector drawings, pasted charts): by declared type or by bytes. */
function isMetafile(contentType: string, bytes: Uint8Array): boolean {
  if (/(^|\/)(x-)?[ew]mf$/i.test(contentType)) return true;
  const emf = bytes.length >= 44 && bytes[0] === 0x01 && bytes[1] === 0 && bytes[2] === 0 && bytes[3] === 0 && String.fromCharCode(...bytes.subarray(40, 44)) === " EMF";
  const wmf = bytes.length >= 4 && bytes[0] === 0xd7 && bytes[1] === 0xcd && bytes[2] === 0xc6 && bytes[3] === 0x9a;
  return emf || wmf;
}

/** Why a picture the pipeline refused cannot come in, in words a writer can act on. */
function failureReason(image: DocxImage, bytes: Uint8Array, error: AppError): string {
  if (isMetafile(image.contentType, bytes)) {
    return "It is a Windows drawing (EMF/WMF), which web browsers cannot show. In Word, right-click it, choose “Save as Picture…” as PNG, and add that file from the media library.";
  }
  if (error.message === MEDIA_MESSAGES.notImage) {
    return `It is a ${typeName(image.contentType)} file; the media library takes JPEG, PNG, WebP and HEIC photos. Save it as PNG or JPEG and add it from the media library.`;
  }
  return error.message;
}

/**
 * The import's permission rules: editing the story it is for (404 when it cannot be seen, 403
 * when it cannot be edited), or creating a story when it is for a new one.
 */
async function authorizeStory({ actor, articleId }: { actor: Actor; articleId: string | null }): Promise<void> {
  if (articleId) {
    const row = await findArticleForActor({ id: articleId, actor });
    if (!can(actor, "edit", factsOf(row))) throw new AppError("FORBIDDEN", "You may not edit this story in its current state.");
  } else if (!can(actor, "create_article")) {
    throw new AppError("FORBIDDEN", "You may not create stories.");
  }
}

/**
 * Read a .docx into story HTML and put each photo in it through the media pipeline (type by
 * bytes, size and pixel caps, renditions, metadata stripped). Processed photos are staged, not
 * stored: they join the library only when the user adds them. Photos the pipeline refuses are
 * reported by name with a reason, and the text is imported all the same.
 */
export async function importDocxForActor({
  actor,
  file,
  articleId = null,
  roots = {},
  now = new Date(),
  decodeHeic,
}: {
  actor: Actor;
  file: { name: string; data: Buffer };
  articleId?: string | null;
  /** Tests only: other staging and media directories. */
  roots?: Roots;
  now?: Date;
  /** Tests only: a stand-in HEIC decoder. */
  decodeHeic?: HeicDecoder;
}): Promise<TDocxImportResult> {
  await authorizeStory({ actor, articleId });
  const doc = await importDocx(file.data);
  const base =
    path
      .basename(file.name.replace(/\\/g, "/"))
      .replace(/\.docx$/i, "")
      .replace(/[^\p{L}\p{N}._-]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "document";

  const failed: TDocxImageFailure[] = [];
  const ready: { image: DocxImage; processed: ProcessedImage; bytes: number; name: string }[] = [];
  const mayUpload = can(actor, "upload_media");
  // One at a time: the pipeline already uses every core, and memory stays bounded.
  for (const [index, image] of doc.images.entries()) {
    const fail = (reason: string) => failed.push({ key: image.key, label: labelOf(image), reason });
    if (!mayUpload) {
      fail("You may not add images to the media library.");
      continue;
    }
    if (index >= MAX_DOCX_IMAGES) {
      fail(`Only the first ${MAX_DOCX_IMAGES} photos of a document are imported; add this one from the media library.`);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await image.read();
    } catch {
      fail("It is linked to a file on the writer’s computer instead of being inside the document. Insert the picture itself in Word (not as a link), or add it from the media library.");
      continue;
    }
    try {
      const processed = await processImage(bytes, { decodeHeic });
      ready.push({ image, processed, bytes: bytes.length, name: `${base}-photo-${docxImageNumber(image.key)}.${EXTENSIONS[processed.kind]}` });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
      fail(failureReason(image, bytes, error));
    }
  }

  let importId: string | null = null;
  const offers: TDocxImageOffer[] = [];
  if (ready.length > 0) {
    const root = roots.imports ?? importsRoot();
    await sweepStaleImports({ root, now });
    importId = newImportId();
    await stageImport({
      root,
      importId,
      manifest: { userId: actor.userId, articleId, createdAt: now.toISOString() },
      renditions: ready.map((r) => ({
        key: r.image.key,
        image: { originalName: r.name, mimeType: r.processed.mimeType, width: r.processed.width, height: r.processed.height, bytes: r.bytes },
        renditions: r.processed.renditions,
      })),
    });
    for (const r of ready) {
      const smallest = r.processed.renditions.filter((x) => x.format === "webp").sort((a, b) => a.width - b.width)[0]!;
      offers.push({
        key: r.image.key,
        label: labelOf(r.image),
        name: r.name,
        alt: r.image.altText.slice(0, 500),
        width: r.processed.width,
        height: r.processed.height,
        preview: `data:image/webp;base64,${smallest.data.toString("base64")}`,
      });
    }
  }
  return {
    importId,
    body: removeDocxImageSlots(
      doc.body,
      failed.map((f) => f.key),
    ),
    images: offers,
    failedImages: failed,
    warnings: failed.map((f) => `${f.label} was left out: ${f.reason}`),
  };
}

/** The caller's own import, or NOT_FOUND (someone else's import looks like none). */
async function ownImport({ actor, importId, root }: { actor: Actor; importId: string; root: string }): Promise<StagedManifest> {
  const manifest = await readStagedImport({ root, importId });
  if (!manifest || manifest.userId !== actor.userId) throw notFound("That imported photo");
  return manifest;
}

const GONE = "That photo was already added or skipped, or the import expired (after a day). Import the document again to get it back.";

/**
 * Add a staged photo to the media library with its alt text, caption and credit. The same rules
 * as the rest: the caller must still be allowed to edit the story and to upload media.
 */
export async function addImportedImage({
  actor,
  importId,
  key,
  details,
  roots = {},
}: {
  actor: Actor;
  importId: string;
  key: string;
  details: TDocxImageAdd;
  roots?: Roots;
}): Promise<TMedia> {
  const root = roots.imports ?? importsRoot();
  const manifest = await ownImport({ actor, importId, root });
  await authorizeStory({ actor, articleId: manifest.articleId });
  if (!can(actor, "upload_media")) throw new AppError("FORBIDDEN", "You may not add images to the media library.");
  const image = Object.hasOwn(manifest.images, key) ? manifest.images[key] : undefined;
  if (!image) throw notFound("That imported photo");

  const id = newMediaId();
  const storageKey = storageKeyFor(id);
  const target = path.join(/*turbopackIgnore: true*/ roots.media ?? mediaRoot(), storageKey);
  if (!(await claimStagedImage({ root, importId, key, target }))) throw new AppError("NOT_FOUND", GONE);
  let media: TMedia;
  try {
    media = await recordStoredMedia({
      actor,
      id,
      storageKey,
      image: { ...image, variants: image.variants.map((v) => ({ ...v, key: `${storageKey}/${v.key}` })) },
      details,
    });
  } catch (error) {
    await unclaimStagedImage({ root, importId, key, from: target });
    throw error;
  }
  await finishImportIfDecided({ root, importId, manifest });
  return media;
}

/** Skip a staged photo: its files are removed and it never enters the library. */
export async function skipImportedImage({ actor, importId, key, roots = {} }: { actor: Actor; importId: string; key: string; roots?: Roots }): Promise<void> {
  const root = roots.imports ?? importsRoot();
  const manifest = await ownImport({ actor, importId, root });
  if (!Object.hasOwn(manifest.images, key) || !(await discardStagedImage({ root, importId, key }))) throw new AppError("NOT_FOUND", GONE);
  await finishImportIfDecided({ root, importId, manifest });
}
