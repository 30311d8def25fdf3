// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, uniq, withSecondInstance } from "@/lib/testing/db";
import { docx, picture } from "@/lib/testing/docx";
import { addImportedImage, importDocxForActor, skipImportedImage } from "@/lib/testing/use-cases";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as serve } from "@/app/media/[...path]/route";
import type { Actor } from "@/lib/auth/policy";
import { dataDir } from "@/lib/config";
import { db, engine } from "@/lib/data/db";
import { STAGED_IMPORT_MAX_AGE_MS } from "@/lib/data/staged-imports";
import { mediaRoot } from "@/lib/media/process";
import { addImportedImage as addImportedImageUC } from "./add-imported-image";

/**
 * Issue 15: behind a load balancer, the writer's "Add to library" or "Skip" for a photo of an
 * imported .docx can reach another app instance than the import did. That instance has its own
 * Prisma client and its own data directory (a fresh, empty one here): nothing but the database
 * can give it the staged photo.
 */

let asWriter: Actor, asOther: Actor;
beforeAll(async () => {
  const [writer, other] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "WRITER" })]);
  [asWriter, asOther] = [actorFor(writer), actorFor(other)];
});

/** A real .docx with a map (PNG) and a photo (JPEG). */
async function twoPhotoDocx(): Promise<Buffer> {
  const map = await sharp({ create: { width: 700, height: 400, channels: 3, background: "#c8a165" } }).png().toBuffer();
  const photo = await sharp({ create: { width: 500, height: 300, channels: 3, background: "#3366aa" } }).jpeg().toBuffer();
  return docx(`<w:p><w:r><w:t>The map:</w:t></w:r></w:p><w:p>${picture("rIdMap")}</w:p><w:p>${picture("rIdPhoto")}</w:p>`, [
    { id: "rIdMap", file: "image1.png", data: map },
    { id: "rIdPhoto", file: "image2.jpeg", data: photo },
  ]);
}

type Instance = {
  importDocxForActor: typeof import("./import-docx-for-actor").importDocxForActor;
  addImportedImage: typeof import("./add-imported-image").addImportedImage;
  skipImportedImage: typeof import("./skip-imported-image").skipImportedImage;
};

/**
 * Run `fn` on a second instance: its own module graph and Prisma client, as another server
 * process would have, and a data directory of its own that starts empty.
 */
async function onSecondInstance<T>(fn: (two: Instance) => Promise<T>): Promise<T> {
  const shared = process.env.MASTHEAD_DATA_DIR;
  const own = mkdtempSync(path.join(os.tmpdir(), "mh-instance-two-"));
  process.env.MASTHEAD_DATA_DIR = own;
  try {
    return await withSecondInstance(
      async () => ({
        ...(await import("./import-docx-for-actor")),
        ...(await import("./add-imported-image")),
        ...(await import("./skip-imported-image")),
      }),
      fn,
    );
  } finally {
    process.env.MASTHEAD_DATA_DIR = shared;
    rmSync(own, { recursive: true, force: true });
  }
}

const file = async () => ({ name: `report-${uniq()}.docx`, data: await twoPhotoDocx() });

async function served(url: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await serve(new Request(`http://localhost${url}`), { params: Promise.resolve({ path: url.replace(/^\/media\//, "").split("/") }) });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("a .docx import's staged photos on several instances", () => {
  it("imported on one instance, added and skipped on another that has no staging folder", async () => {
    const result = await importDocxForActor({ actor: asWriter, input: { file: await file() } });
    expect(result.images.map((i) => i.key)).toEqual(["image-1", "image-2"]);
    const importId = result.importId!;

    const media = await onSecondInstance(async (two) => {
      const added = (await two.addImportedImage({ actor: asWriter, input: { importId, key: "image-1", details: { alt: "Map of the district", credit: "Staff" } } })).data;
      await two.skipImportedImage({ actor: asWriter, input: { importId, key: "image-2" } });
      return added;
    });
    expect(media).toMatchObject({ alt: "Map of the district", credit: "Staff", mimeType: "image/png", width: 700, height: 400, uploadedBy: { id: asWriter.userId } });

    // In the library as an upload would be: renditions in MediaFile, served by the first instance.
    const rendition = await served(media.urls.src);
    expect(rendition.status).toBe(200);
    const stored = await db.mediaFile.findUniqueOrThrow({ where: { key: media.urls.src.replace(/^\/media\//, "") } });
    expect(rendition.bytes.equals(Buffer.from(stored.data))).toBe(true);
    expect((await sharp(rendition.bytes).metadata()).format).toBe("jpeg");

    // Decided there, so gone everywhere: no second add here, and nothing left in staging.
    await expect(addImportedImage({ actor: asWriter, input: { importId, key: "image-1", details: {} } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(skipImportedImage({ actor: asWriter, input: { importId, key: "image-2" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.stagedImport.count({ where: { id: importId } })).toBe(0);
    expect(await db.stagedImageFile.count({ where: { importId } })).toBe(0);
    // Nothing of the import was ever written to this instance's disk.
    expect(existsSync(path.join(dataDir(), "imports"))).toBe(false);
  });

  it("the other way round, and still only for the person who imported it", async () => {
    const { importId } = await onSecondInstance(async (two) => (await two.importDocxForActor({ actor: asWriter, input: { file: await file() } })).data);
    await expect(addImportedImage({ actor: asOther, input: { importId: importId!, key: "image-2", details: { alt: "x" } } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(skipImportedImage({ actor: asOther, input: { importId: importId!, key: "image-2" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const media = await addImportedImage({ actor: asWriter, input: { importId: importId!, key: "image-2", details: { alt: "Crowd at the gate" } } });
    expect(media).toMatchObject({ alt: "Crowd at the gate", mimeType: "image/jpeg", width: 500 });
    expect((await served(media.urls.src)).status).toBe(200);
    // The other photo is still waiting for its decision.
    expect((await db.stagedImage.findMany({ where: { importId: importId! }, select: { key: true } })).map((i) => i.key)).toEqual(["image-1"]);
  });

  it("the same photo added at once from two instances (on PostgreSQL) or twice on one: exactly one adds it", async () => {
    const { importId } = await importDocxForActor({ actor: asWriter, input: { file: await file() } });
    const details = { alt: `Raced ${uniq()}` };
    const add = (instance: Pick<Instance, "addImportedImage">) => instance.addImportedImage({ actor: asWriter, input: { importId: importId!, key: "image-1", details } }).then((o) => o.data);
    const here = { addImportedImage: addImportedImageUC };
    // Several instances run on PostgreSQL; two processes writing one SQLite file is no supported
    // set-up (its writers would wait on the file lock), so there the race is within one process.
    const results = await onSecondInstance((two) => Promise.allSettled(engine === "postgres" ? [add(here), add(two), add(here)] : [add(here), add(here)]));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.media.count({ where: { alt: details.alt } })).toBe(1);
    expect(await db.stagedImage.count({ where: { importId: importId!, key: "image-1" } })).toBe(0);
  });

  it("with MASTHEAD_MEDIA_STORE=disk (one server), an added photo's renditions go under data/media as an upload's do", async () => {
    const { importId } = await importDocxForActor({ actor: asWriter, input: { file: await file() } });
    vi.stubEnv("MASTHEAD_MEDIA_STORE", "disk");
    try {
      const media = await addImportedImage({ actor: asWriter, input: { importId: importId!, key: "image-1", details: { alt: "On disk" } } });
      const row = await db.media.findUniqueOrThrow({ where: { id: media.id } });
      expect(readdirSync(path.join(mediaRoot(), row.storageKey)).sort()).toEqual(["320.avif", "320.webp", "640.avif", "640.jpg", "640.webp"]);
      expect((JSON.parse(row.variants) as { key: string }[]).map((v) => v.key).sort()).toEqual(["320.avif", "320.webp", "640.avif", "640.jpg", "640.webp"].map((f) => `${row.storageKey}/${f}`));
      expect(await db.mediaFile.count({ where: { mediaId: media.id } })).toBe(0);
      expect(await db.stagedImage.count({ where: { importId: importId!, key: "image-1" } })).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("an import older than a day is not offered, and the next import on any instance sweeps it, decided or not", async () => {
    const dayAgo = new Date(Date.now() - STAGED_IMPORT_MAX_AGE_MS - 60_000);
    const old = await importDocxForActor({ actor: asWriter, input: { file: await file() }, now: dayAgo });
    await skipImportedImage({ actor: asWriter, input: { importId: old.importId!, key: "image-2" }, now: dayAgo });
    await expect(addImportedImage({ actor: asWriter, input: { importId: old.importId!, key: "image-1", details: {} } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.stagedImage.count({ where: { importId: old.importId! } })).toBe(1);

    const fresh = await onSecondInstance(async (two) => (await two.importDocxForActor({ actor: asOther, input: { file: await file() } })).data);
    expect(await db.stagedImport.count({ where: { id: old.importId! } })).toBe(0);
    expect(await db.stagedImageFile.count({ where: { importId: old.importId! } })).toBe(0);
    expect(await db.stagedImage.count({ where: { importId: fresh.importId! } })).toBe(2);
  });
});
