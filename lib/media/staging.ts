/**
 * Photos from an imported .docx wait here, already through the media pipeline, until the user
 * adds or skips each one: `data/imports/<importId>/manifest.json` and
 * `data/imports/<importId>/<key>/<width>.<ext>`. No Prisma, no Next.
 *
 * Rules that always hold:
 * - An image is pending exactly while its folder exists. Adding moves the folder into the media
 *   library with one rename, so two adds of the same photo cannot both succeed; skipping
 *   removes it. The manifest is written once and never changed.
 * - Imports older than STAGED_IMPORT_MAX_AGE_MS are removed by the next import, decided or not.
 * - The folder is outside data/media, so a backup never carries photos nobody chose.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/lib/config";
import { type Rendition, storeRenditions, type Variant } from "./process";

export const STAGED_IMPORT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const IMPORT_ID = /^[a-f0-9]{24}$/;

export type StagedImage = {
  originalName: string;
  mimeType: string;
  width: number;
  height: number;
  /** Size of the bytes found in the document. */
  bytes: number;
  /** Renditions; `key` is the file name inside the image's folder. */
  variants: Variant[];
};

export type StagedManifest = {
  userId: string;
  /** The story the import is for; null for a story not created yet. */
  articleId: string | null;
  createdAt: string;
  images: Record<string, StagedImage>;
};

export function importsRoot(): string {
  return path.join(dataDir(), "imports");
}

export function newImportId(): string {
  return randomBytes(12).toString("hex");
}

function importDir(root: string, importId: string): string {
  if (!IMPORT_ID.test(importId)) throw new Error("malformed import id");
  return path.join(root, importId);
}

function imageDir(root: string, importId: string, key: string): string {
  if (!/^[a-z0-9-]{1,32}$/.test(key)) throw new Error("malformed image key");
  return path.join(importDir(root, importId), key);
}

/** Write every image's renditions and the manifest; on any failure nothing is left behind. */
export async function stageImport({
  root,
  importId,
  manifest,
  renditions,
}: {
  root: string;
  importId: string;
  manifest: Omit<StagedManifest, "images">;
  renditions: { key: string; image: Omit<StagedImage, "variants">; renditions: Rendition[] }[];
}): Promise<StagedManifest> {
  const dir = importDir(root, importId);
  await mkdir(dir, { recursive: true });
  try {
    const images: Record<string, StagedImage> = {};
    for (const r of renditions) {
      imageDir(root, importId, r.key);
      const stored = await storeRenditions({ root, storageKey: `${importId}/${r.key}`, renditions: r.renditions });
      images[r.key] = { ...r.image, variants: stored.map((v) => ({ ...v, key: path.basename(v.key) })) };
    }
    const full: StagedManifest = { ...manifest, images };
    await writeFile(path.join(dir, "manifest.json"), JSON.stringify(full), { flag: "wx" });
    return full;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The manifest of an import, or null when there is no such import (or it was cleaned up). */
export async function readStagedImport({ root, importId }: { root: string; importId: string }): Promise<StagedManifest | null> {
  if (!IMPORT_ID.test(importId)) return null;
  try {
    return JSON.parse(await readFile(path.join(importDir(root, importId), "manifest.json"), "utf8")) as StagedManifest;
  } catch {
    return null;
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Whether the image is still waiting for a decision. */
export async function isStagedImagePending({ root, importId, key }: { root: string; importId: string; key: string }): Promise<boolean> {
  return exists(imageDir(root, importId, key));
}

/**
 * Move a staged image's folder to `target` (a media library folder). False when it is no longer
 * pending (added or skipped meanwhile): the rename is the claim, so only one caller wins.
 */
export async function claimStagedImage({ root, importId, key, target }: { root: string; importId: string; key: string; target: string }): Promise<boolean> {
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(imageDir(root, importId, key), target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** Put a claimed folder back (the database refused the row), so the user can try again. */
export async function unclaimStagedImage({ root, importId, key, from }: { root: string; importId: string; key: string; from: string }): Promise<void> {
  await rename(from, imageDir(root, importId, key)).catch(() => rm(from, { recursive: true, force: true }));
}

/** Remove a staged image; false when it was not pending. */
export async function discardStagedImage({ root, importId, key }: { root: string; importId: string; key: string }): Promise<boolean> {
  const dir = imageDir(root, importId, key);
  if (!(await exists(dir))) return false;
  await rm(dir, { recursive: true, force: true });
  return true;
}

/** Remove the import's folder once no image in it is pending. */
export async function finishImportIfDecided({ root, importId, manifest }: { root: string; importId: string; manifest: StagedManifest }): Promise<void> {
  for (const key of Object.keys(manifest.images)) if (await exists(imageDir(root, importId, key))) return;
  await rm(importDir(root, importId), { recursive: true, force: true });
}

/** Remove imports older than `maxAgeMs` (by their manifest, else their folder's age). */
export async function sweepStaleImports({ root, now = new Date(), maxAgeMs = STAGED_IMPORT_MAX_AGE_MS }: { root: string; now?: Date; maxAgeMs?: number }): Promise<number> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!IMPORT_ID.test(name)) continue;
    const manifest = await readStagedImport({ root, importId: name });
    const created = manifest ? Date.parse(manifest.createdAt) : (await stat(path.join(root, name)).catch(() => null))?.mtimeMs;
    if (created === undefined || Number.isNaN(created) || now.getTime() - created <= maxAgeMs) continue;
    await rm(path.join(root, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
