import "server-only";
import { type Actor, can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor } from "@/lib/data/articles";
import type { DocxImage } from "@/lib/editor/docx";
import { docxImageNumber } from "@/lib/editor/docx-slot";
import { AppError, notFound } from "@/lib/errors";
import type { ProcessedImage } from "@/lib/media/process";
import { findStagedImport, type StagedImportData } from "@/lib/data/staged-imports";
import { IMPORT_ID } from "@/lib/validation/docx-import";
import { MEDIA_MESSAGES } from "@/lib/validation/media";

// What the .docx import use cases share: the permission rule, the caller's own staged import,
// and the words that say why a photo could not come in.

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
export const EXTENSIONS: Record<ProcessedImage["kind"], string> = { jpeg: "jpg", png: "png", webp: "webp", heic: "heic" };

function typeName(contentType: string): string {
  return TYPE_NAMES[contentType.toLowerCase()] ?? (contentType.replace(/^image\//, "").toUpperCase() || "unknown type");
}

export function labelOf(image: DocxImage): string {
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
export function failureReason(image: DocxImage, bytes: Uint8Array, error: AppError): string {
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
export async function authorizeStory({ actor, articleId }: { actor: Actor; articleId: string | null }): Promise<void> {
  if (articleId) {
    const row = await findArticleForActor({ id: articleId, actor });
    if (!can(actor, "edit", factsOf(row))) throw new AppError("FORBIDDEN", "You may not edit this story in its current state.");
  } else if (!can(actor, "create_article")) {
    throw new AppError("FORBIDDEN", "You may not create stories.");
  }
}

/** The caller's own import, still within its day, or NOT_FOUND (someone else's import looks like none). */
export async function ownImport({ actor, importId, now }: { actor: Actor; importId: string; now?: Date }): Promise<StagedImportData> {
  const staged = IMPORT_ID.test(importId) ? await findStagedImport({ importId, userId: actor.userId, now }) : null;
  if (!staged) throw notFound("That imported photo");
  return staged;
}

export const GONE = "That photo was already added or skipped, or the import expired (after a day). Import the document again to get it back.";
