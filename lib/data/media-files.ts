import "server-only";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contentTypeOfKey, mediaRoot, resolveMediaPath, type Variant } from "@/lib/media/process";
import { db } from "./db";

/**
 * Where photos' renditions live. By default in the database (MediaFile): every app instance then
 * serves every photo, and a backup of the database holds them. `MASTHEAD_MEDIA_STORE=disk` keeps
 * them as files under data/media, as before (one server). Either way a rendition is read from the
 * database first and then from disk, so photos stored on disk before this change keep working
 * (and scripts/prepare.ts copies them into the database).
 */
export function mediaStore(): "database" | "disk" {
  return process.env.MASTHEAD_MEDIA_STORE === "disk" ? "disk" : "database";
}

export type MediaFileData = { key: string; data: Buffer };

/** Inside the transaction that writes the Media row, so a row never names a missing rendition. */
export async function saveMediaFiles(tx: Prisma.TransactionClient, { mediaId, files }: { mediaId: string; files: MediaFileData[] }): Promise<void> {
  if (files.length === 0) return;
  await tx.mediaFile.createMany({ data: files.map((f) => ({ key: f.key, mediaId, contentType: contentTypeOfKey(f.key), data: new Uint8Array(f.data) })) });
}

/** One rendition by its /media/ key: from the database, else from disk; null when neither has it. */
export async function findMediaFile(key: string): Promise<Buffer | null> {
  const row = await db.mediaFile.findUnique({ where: { key }, select: { data: true } });
  if (row) return Buffer.from(row.data);
  const target = resolveMediaPath(mediaRoot(), key.split("/"));
  if (!target) return null;
  try {
    return await readFile(/*turbopackIgnore: true*/ target.file);
  } catch {
    return null;
  }
}

/**
 * Copy every rendition that is only on disk into the database (scripts/prepare.ts, each start):
 * idempotent, and the files are left where they were. Returns how many were copied.
 */
export async function copyDiskMediaIntoDatabase({ root = mediaRoot() }: { root?: string } = {}): Promise<number> {
  if (mediaStore() !== "database" || !existsSync(/*turbopackIgnore: true*/ root)) return 0;
  const stored = new Set((await db.mediaFile.findMany({ select: { key: true } })).map((f) => f.key));
  let copied = 0;
  for (const media of await db.media.findMany({ select: { id: true, variants: true } })) {
    let variants: Variant[];
    try {
      variants = JSON.parse(media.variants) as Variant[];
    } catch {
      continue;
    }
    const files: MediaFileData[] = [];
    for (const v of Array.isArray(variants) ? variants : []) {
      if (typeof v?.key !== "string" || stored.has(v.key)) continue;
      const target = resolveMediaPath(root, v.key.split("/"));
      if (target && existsSync(/*turbopackIgnore: true*/ target.file)) files.push({ key: v.key, data: await readFile(/*turbopackIgnore: true*/ target.file) });
    }
    if (files.length === 0) continue;
    await db.$transaction((tx) => saveMediaFiles(tx, { mediaId: media.id, files }));
    copied += files.length;
  }
  return copied;
}

/** Renditions as the database keeps them, keyed under `storageKey` (as storeRenditions names them on disk). */
export function renditionFiles(storageKey: string, renditions: readonly { file: string; data: Buffer }[]): MediaFileData[] {
  return renditions.map((r) => ({ key: `${storageKey}/${r.file}`, data: r.data }));
}
