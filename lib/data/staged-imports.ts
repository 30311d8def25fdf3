import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Rendition, RenditionFormat } from "@/lib/media/process";
import { db } from "./db";

/**
 * Photos from an imported .docx wait here, already through the media pipeline, until their
 * importer adds or skips each one (StagedImport, StagedImage, StagedImageFile). In the database,
 * so that the app instance that gets the decision has the photo (issue 15).
 *
 * Rules that always hold:
 * - A photo is pending exactly while its StagedImage row exists. Adding or skipping deletes that
 *   row (with its renditions) inside the decision's transaction, and the delete is the claim:
 *   of two decisions on one photo only one deletes a row, so only one succeeds.
 * - Only the importer sees an import: every read and claim has the user in its `where`.
 * - An import older than STAGED_IMPORT_MAX_AGE_MS is no longer offered, and the next import
 *   (on any instance) deletes it, decided or not.
 */
export const STAGED_IMPORT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function newImportId(): string {
  return randomBytes(12).toString("hex");
}

export type StagedImageData = { key: string; originalName: string; mimeType: string; width: number; height: number; bytes: number };
export type StagedImportData = { articleId: string | null; images: StagedImageData[] };

const cutoff = (now: Date, maxAgeMs: number) => new Date(now.getTime() - maxAgeMs);

/** The user's own import, still within its day, with its pending photos; null otherwise. */
export async function findStagedImport({
  importId,
  userId,
  now = new Date(),
  maxAgeMs = STAGED_IMPORT_MAX_AGE_MS,
}: {
  importId: string;
  userId: string;
  now?: Date;
  maxAgeMs?: number;
}): Promise<StagedImportData | null> {
  return db.stagedImport.findFirst({
    where: { id: importId, userId, createdAt: { gte: cutoff(now, maxAgeMs) } },
    select: { articleId: true, images: { select: { key: true, originalName: true, mimeType: true, width: true, height: true, bytes: true }, orderBy: { key: "asc" } } },
  });
}

/** A pending photo of the user's import: its renditions as the pipeline made them (empty once it was decided). */
export async function findStagedRenditions({ importId, key, userId }: { importId: string; key: string; userId: string }): Promise<Rendition[]> {
  const rows = await db.stagedImageFile.findMany({
    where: { importId, key, image: { import: { userId } } },
    select: { file: true, width: true, height: true, format: true, data: true },
    orderBy: { file: "asc" },
  });
  return rows.map((r) => ({ file: r.file, width: r.width, height: r.height, format: r.format as RenditionFormat, data: Buffer.from(r.data) }));
}

/** Write an import with every photo's renditions (in the caller's transaction: all or nothing). */
export async function saveStagedImport(
  tx: Prisma.TransactionClient,
  { id, userId, articleId, createdAt, images }: { id: string; userId: string; articleId: string | null; createdAt: Date; images: (StagedImageData & { renditions: readonly Rendition[] })[] },
): Promise<void> {
  await tx.stagedImport.create({ data: { id, userId, articleId, createdAt }, select: { id: true } });
  await tx.stagedImage.createMany({ data: images.map(({ renditions: _, ...image }) => ({ importId: id, ...image })) });
  for (const image of images) {
    await tx.stagedImageFile.createMany({
      data: image.renditions.map((r) => ({ importId: id, key: image.key, file: r.file, width: r.width, height: r.height, format: r.format, data: new Uint8Array(r.data) })),
    });
  }
}

/** Delete imports older than `maxAgeMs`, decided or not (their photos and renditions cascade). */
export async function sweepStaleImports(tx: Prisma.TransactionClient, { now = new Date(), maxAgeMs = STAGED_IMPORT_MAX_AGE_MS }: { now?: Date; maxAgeMs?: number } = {}): Promise<number> {
  return (await tx.stagedImport.deleteMany({ where: { createdAt: { lt: cutoff(now, maxAgeMs) } } })).count;
}

/**
 * Take a pending photo out of staging, for the user who imported it: false when it is no longer
 * pending (added or skipped meanwhile). The delete is the claim, so only one caller wins.
 */
export async function claimStagedImage(tx: Prisma.TransactionClient, { importId, key, userId }: { importId: string; key: string; userId: string }): Promise<boolean> {
  return (await tx.stagedImage.deleteMany({ where: { importId, key, import: { userId } } })).count === 1;
}

/**
 * Delete the import once no photo in it is pending. Two last decisions committed at the same
 * time on PostgreSQL may each still see the other's photo and leave the empty import: the sweep
 * removes it with the rest, and an empty import offers nothing.
 */
export async function finishImportIfDecided(tx: Prisma.TransactionClient, { importId }: { importId: string }): Promise<void> {
  await tx.stagedImport.deleteMany({ where: { id: importId, images: { none: {} } } });
}
