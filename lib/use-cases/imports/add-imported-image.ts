import "server-only";
import { can } from "@/lib/auth/policy";
import { mediaStore, renditionFiles } from "@/lib/data/media-files";
import { claimStagedImage, finishImportIfDecided, findStagedRenditions } from "@/lib/data/staged-imports";
import { AppError } from "@/lib/errors";
import { mediaRoot, newMediaId, removeStored, storageKeyFor, storeRenditions, variantsFor } from "@/lib/media/process";
import { type TDocxImageAdd, ZDocxImageAdd } from "@/lib/validation/docx-import";
import { parseInput } from "@/lib/validation/parse";
import type { TMedia } from "@/lib/validation/media";
import { recordStoredMedia } from "../media/record-stored-media";
import { inTransaction, type Outcome, type UseCaseArgs } from "../transaction";
import { authorizeStory, GONE, ownImport } from "./staged-import";

/**
 * Add a staged photo to the media library with its alt text, caption and credit. The same rules
 * as the rest: the caller must still be allowed to edit the story and to upload media. The
 * renditions are stored exactly as an upload stores them: as MediaFile rows with the Media row
 * (the default), or on disk before the transaction (MASTHEAD_MEDIA_STORE=disk, removed again if
 * it fails). Leaving staging is part of that transaction, so the photo is either in the library
 * or still pending, never both and never neither.
 */
export async function addImportedImage({
  actor,
  input: { importId, key, details: rawDetails },
  tx,
  now,
}: UseCaseArgs<{ importId: string; key: string; details: TDocxImageAdd }>): Promise<Outcome<TMedia>> {
  const details = parseInput(ZDocxImageAdd, rawDetails);
  const staged = await ownImport({ actor, importId, now });
  await authorizeStory({ actor, articleId: staged.articleId });
  if (!can(actor, "upload_media")) throw new AppError("FORBIDDEN", "You may not add images to the media library.");
  const image = staged.images.find((i) => i.key === key);
  if (!image) throw new AppError("NOT_FOUND", GONE);
  const renditions = await findStagedRenditions({ importId, key, userId: actor.userId });
  if (renditions.length === 0) throw new AppError("NOT_FOUND", GONE);

  const id = newMediaId();
  const storageKey = storageKeyFor(id);
  const inDatabase = mediaStore() === "database";
  const root = mediaRoot();
  const variants = inDatabase ? variantsFor(storageKey, renditions) : await storeRenditions({ root, storageKey, renditions });
  try {
    return await inTransaction(tx, async (tx) => {
      if (!(await claimStagedImage(tx, { importId, key, userId: actor.userId }))) throw new AppError("NOT_FOUND", GONE);
      const added = await recordStoredMedia({
        actor,
        input: {
          id,
          storageKey,
          image: { originalName: image.originalName, mimeType: image.mimeType, width: image.width, height: image.height, bytes: image.bytes, variants },
          details,
          files: inDatabase ? renditionFiles(storageKey, renditions) : undefined,
        },
        tx,
      });
      await finishImportIfDecided(tx, { importId });
      return added;
    });
  } catch (error) {
    if (!inDatabase) await removeStored({ root, storageKey }).catch(() => undefined);
    throw error;
  }
}
