import "server-only";
import { can } from "@/lib/auth/policy";
import { cleanName, type MediaRow, mediaSelect, toMediaDto, type UploadFile } from "@/lib/data/media";
import { type MediaFileData, mediaStore, renditionFiles, saveMediaFiles } from "@/lib/data/media-files";
import { AppError } from "@/lib/errors";
import { type HeicDecoder, mediaRoot, newMediaId, type ProcessedImage, processImage, removeStored, storageKeyFor, storeRenditions, type Variant, variantsFor } from "@/lib/media/process";
import { MAX_FILES_PER_REQUEST, MEDIA_MESSAGES, type TMedia } from "@/lib/validation/media";
import { inTransaction, outcome, type Outcome, type UseCaseArgs } from "../transaction";

/**
 * Add images to the library (any staff member). All or nothing: every file is checked and
 * processed before any is stored, and a failure stores nothing. By default the renditions go
 * into the database in the same transaction as their rows (lib/data/media-files.ts). On disk
 * (MASTHEAD_MEDIA_STORE=disk) files are written before the transaction, so a row never names a
 * missing file; if the database write fails, the files are removed again.
 */
export async function uploadMedia({
  actor,
  input,
  tx,
  root = mediaRoot(),
  decodeHeic,
}: UseCaseArgs<{ files: UploadFile[] }> & {
  /** Tests only: another media directory. */
  root?: string;
  /** Tests only: a stand-in HEIC decoder. */
  decodeHeic?: HeicDecoder;
}): Promise<Outcome<TMedia[]>> {
  if (!can(actor, "upload_media")) throw new AppError("FORBIDDEN", "You may not add images to the media library.");
  const { files } = input;
  if (files.length === 0) throw new AppError("VALIDATION", MEDIA_MESSAGES.noFile, { fields: { file: MEDIA_MESSAGES.noFile } });
  if (files.length > MAX_FILES_PER_REQUEST) throw new AppError("VALIDATION", MEDIA_MESSAGES.tooManyFiles, { fields: { file: MEDIA_MESSAGES.tooManyFiles } });

  // One at a time: the pipeline already uses every core, and memory stays bounded.
  const processed: { file: UploadFile; image: ProcessedImage }[] = [];
  for (const file of files) {
    try {
      processed.push({ file, image: await processImage(file.data, { decodeHeic }) });
    } catch (error) {
      if (error instanceof AppError && files.length > 1) {
        throw new AppError(error.code, `${cleanName(file.name)}: ${error.message}`, { fields: error.fields });
      }
      throw error;
    }
  }

  const inDatabase = mediaStore() === "database";
  const stored: { id: string; storageKey: string; variants: Variant[]; file: UploadFile; image: ProcessedImage; files: MediaFileData[] }[] = [];
  try {
    for (const { file, image } of processed) {
      const id = newMediaId();
      const storageKey = storageKeyFor(id);
      if (inDatabase) stored.push({ id, storageKey, variants: variantsFor(storageKey, image.renditions), file, image, files: renditionFiles(storageKey, image.renditions) });
      // storeRenditions leaves nothing behind when it fails, so only finished folders are listed.
      else stored.push({ id, storageKey, variants: await storeRenditions({ root, storageKey, renditions: image.renditions }), file, image, files: [] });
    }
    return await inTransaction(tx, async (tx) => {
      const created: MediaRow[] = [];
      for (const s of stored) {
        created.push(
          await tx.media.create({
            data: {
              id: s.id,
              storageKey: s.storageKey,
              originalName: cleanName(s.file.name),
              mimeType: s.image.mimeType,
              width: s.image.width,
              height: s.image.height,
              bytes: s.file.data.length,
              variants: JSON.stringify(s.variants),
              uploadedById: actor.userId,
            },
            select: mediaSelect,
          }),
        );
        await saveMediaFiles(tx, { mediaId: s.id, files: s.files });
      }
      // New images are in no story yet: only the newsroom's views change.
      return outcome(created.map((row) => toMediaDto(row, actor)));
    });
  } catch (error) {
    if (!inDatabase) await Promise.all(stored.map((s) => removeStored({ root, storageKey: s.storageKey }).catch(() => undefined)));
    throw error;
  }
}
