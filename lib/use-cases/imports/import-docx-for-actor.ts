import "server-only";
import path from "node:path";
import { can } from "@/lib/auth/policy";
import { type DocxImage, importDocx, removeDocxImageSlots } from "@/lib/editor/docx";
import { docxImageNumber } from "@/lib/editor/docx-slot";
import { newImportId, saveStagedImport, sweepStaleImports } from "@/lib/data/staged-imports";
import { AppError } from "@/lib/errors";
import { type HeicDecoder, type ProcessedImage, processImage } from "@/lib/media/process";
import { MAX_DOCX_IMAGES, type TDocxImageFailure, type TDocxImageOffer, type TDocxImportResult, ZDocxImportForm } from "@/lib/validation/docx-import";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type Outcome, type UseCaseArgs } from "../transaction";
import { authorizeStory, EXTENSIONS, failureReason, labelOf } from "./staged-import";

/**
 * Read a .docx into story HTML and put each photo in it through the media pipeline (type by
 * bytes, size and pixel caps, renditions, metadata stripped). Processed photos are staged in the
 * database (lib/data/staged-imports.ts), not stored: they join the library only when the user
 * adds them, through whichever app instance gets that request. Photos the pipeline refuses are
 * reported by name with a reason, and the text is imported all the same. Every photo is
 * processed before the transaction, which only writes the staged rows (and sweeps stale ones).
 */
export async function importDocxForActor({
  actor,
  input,
  tx,
  now = new Date(),
  decodeHeic,
}: UseCaseArgs<{ file: { name: string; data: Buffer }; articleId?: string | null }> & {
  /** Tests only: a stand-in HEIC decoder. */
  decodeHeic?: HeicDecoder;
}): Promise<Outcome<TDocxImportResult>> {
  const { file } = input;
  const articleId = parseInput(ZDocxImportForm, { articleId: input.articleId ?? undefined }).articleId ?? null;
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

  const offers: TDocxImageOffer[] = [];
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
  const result = {
    body: removeDocxImageSlots(
      doc.body,
      failed.map((f) => f.key),
    ),
    images: offers,
    failedImages: failed,
    warnings: [...doc.warnings, ...failed.map((f) => `${f.label} was left out: ${f.reason}`)],
  };
  if (ready.length === 0) return outcome({ importId: null, ...result });
  const id = newImportId();
  return inTransaction(tx, async (tx) => {
    await sweepStaleImports(tx, { now });
    await saveStagedImport(tx, {
      id,
      userId: actor.userId,
      articleId,
      createdAt: now,
      images: ready.map((r) => ({
        key: r.image.key,
        originalName: r.name,
        mimeType: r.processed.mimeType,
        width: r.processed.width,
        height: r.processed.height,
        bytes: r.bytes,
        renditions: r.processed.renditions,
      })),
    });
    return outcome({ importId: id, ...result });
  });
}
