import "server-only";
import { can } from "@/lib/auth/policy";
import { cleanName, mediaSelect, toMediaDto } from "@/lib/data/media";
import { type MediaFileData, saveMediaFiles } from "@/lib/data/media-files";
import { AppError } from "@/lib/errors";
import type { Variant } from "@/lib/media/process";
import { parseInput } from "@/lib/validation/parse";
import { type TMedia, type TMediaUpdate, ZMediaUpdate } from "@/lib/validation/media";
import { inTransaction, outcome, type Outcome, type UseCaseArgs } from "../transaction";

export type StoredImage = { originalName: string; mimeType: string; width: number; height: number; bytes: number; variants: Variant[] };

/**
 * Record a library image whose renditions are already stored under `storageKey` (a photo from an
 * imported .docx, processed when the document was read), with its alt text, caption and credit.
 * The caller owns the files: if this throws, no row exists and the caller removes or keeps them.
 * `files`: the renditions' bytes, stored in the database with the row (the default media store).
 */
export async function recordStoredMedia({
  actor,
  input,
  tx,
}: UseCaseArgs<{ id: string; storageKey: string; image: StoredImage; details: TMediaUpdate; files?: MediaFileData[] }>): Promise<Outcome<TMedia>> {
  if (!can(actor, "upload_media")) throw new AppError("FORBIDDEN", "You may not add images to the media library.");
  const { id, storageKey, image } = input;
  const details = parseInput(ZMediaUpdate, input.details);
  return inTransaction(tx, async (tx) => {
    const row = await tx.media.create({
      data: {
        id,
        storageKey,
        originalName: cleanName(image.originalName),
        mimeType: image.mimeType,
        width: image.width,
        height: image.height,
        bytes: image.bytes,
        variants: JSON.stringify(image.variants),
        alt: details.alt ?? "",
        caption: details.caption ?? "",
        credit: details.credit ?? "",
        uploadedById: actor.userId,
      },
      select: mediaSelect,
    });
    await saveMediaFiles(tx, { mediaId: id, files: input.files ?? [] });
    return outcome(toMediaDto(row, actor));
  });
}
