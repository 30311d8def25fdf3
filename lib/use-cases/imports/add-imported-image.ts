import "server-only";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { can } from "@/lib/auth/policy";
import { mediaStore } from "@/lib/data/media-files";
import { AppError, notFound } from "@/lib/errors";
import { mediaRoot, newMediaId, storageKeyFor } from "@/lib/media/process";
import { claimStagedImage, finishImportIfDecided, importsRoot, unclaimStagedImage } from "@/lib/media/staging";
import type { TDocxImageAdd } from "@/lib/validation/docx-import";
import type { TMedia } from "@/lib/validation/media";
import { recordStoredMedia } from "../media/record-stored-media";
import type { Outcome, UseCaseArgs } from "../transaction";
import { authorizeStory, GONE, ownImport, type Roots } from "./staged-import";

/**
 * Add a staged photo to the media library with its alt text, caption and credit. The same rules
 * as the rest: the caller must still be allowed to edit the story and to upload media. The
 * files move into the library before the row is written, and move back if the write fails. With
 * the media in the database (the default), the moved folder is only the claim: its files are
 * stored with the row, and the folder goes once the row is written.
 */
export async function addImportedImage({
  actor,
  input: { importId, key, details },
  tx,
  roots = {},
}: UseCaseArgs<{ importId: string; key: string; details: TDocxImageAdd }> & { roots?: Roots }): Promise<Outcome<TMedia>> {
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
  const inDatabase = mediaStore() === "database";
  let added: Outcome<TMedia>;
  try {
    const files = inDatabase
      ? await Promise.all(image.variants.map(async (v) => ({ key: `${storageKey}/${v.key}`, data: await readFile(/*turbopackIgnore: true*/ path.join(target, path.basename(v.key))) })))
      : undefined;
    added = await recordStoredMedia({
      actor,
      input: { id, storageKey, image: { ...image, variants: image.variants.map((v) => ({ ...v, key: `${storageKey}/${v.key}` })) }, details, files },
      tx,
    });
  } catch (error) {
    await unclaimStagedImage({ root, importId, key, from: target });
    throw error;
  }
  if (inDatabase) await rm(/*turbopackIgnore: true*/ target, { recursive: true, force: true });
  await finishImportIfDecided({ root, importId, manifest });
  return added;
}
