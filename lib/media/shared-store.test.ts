// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, uniq, withSecondInstance } from "@/lib/testing/db";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as serve } from "@/app/media/[...path]/route";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";
import { copyDiskMediaIntoDatabase } from "@/lib/data/media-files";
import { uploadMedia } from "@/lib/testing/use-cases";
import type { TMedia } from "@/lib/validation/media";
import { mediaRoot, newMediaId, processImage, storageKeyFor, storeRenditions } from "./process";

type Serve = typeof serve;
let asWriter: Actor;

beforeAll(async () => {
  asWriter = actorFor(await createTestUser({ role: "WRITER" }));
});

const photo = () => sharp({ create: { width: 400, height: 300, channels: 3, background: "#aa3366" } }).jpeg().toBuffer();

async function fetchMedia(get: Serve, url: string, headers: Record<string, string> = {}) {
  const segments = url.replace(/^\/media\//, "").split("/");
  const res = await get(new Request(`http://localhost${url}`, { headers }), { params: Promise.resolve({ path: segments }) });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Every header a rendition is served with, as today (issue 15 changed where, not how). */
function expectServedHeaders(res: Response, contentType: string, length: number) {
  expect(Object.fromEntries(res.headers)).toEqual({
    "content-type": contentType,
    "content-length": String(length),
    "cache-control": "public, max-age=31536000, immutable",
    etag: expect.stringMatching(/^"[a-z0-9]{2}-[a-z0-9]+-\d+\.(jpg|webp|avif)"$/),
    "x-content-type-options": "nosniff",
    "content-security-policy": expect.stringContaining("default-src 'none'"),
  });
}

/** A photo stored as before this change: files under data/media, a row, nothing in MediaFile. */
async function legacyPhoto(): Promise<{ id: string; src: string }> {
  const image = await processImage(await photo());
  const id = newMediaId();
  const storageKey = storageKeyFor(id);
  const variants = await storeRenditions({ root: mediaRoot(), storageKey, renditions: image.renditions });
  await db.media.create({ data: { id, storageKey, originalName: `old-${uniq()}.jpg`, mimeType: image.mimeType, width: image.width, height: image.height, bytes: 1, variants: JSON.stringify(variants) } });
  return { id, src: `/media/${variants.find((v) => v.format === "jpeg")!.key}` };
}

describe("photos on several instances (stored in the database)", () => {
  it("a photo uploaded through one instance is served by the other, byte for byte, with the same headers", async () => {
    const [media] = await uploadMedia({ actor: asWriter, input: { files: [{ name: `a-${uniq()}.jpg`, data: await photo() }] } });
    const stored = await db.mediaFile.findUniqueOrThrow({ where: { key: media!.urls.src.replace(/^\/media\//, "") } });
    const { res, bytes } = await withSecondInstance(() => import("@/app/media/[...path]/route"), (two) => fetchMedia(two.GET, media!.urls.src));
    expect(res.status).toBe(200);
    expect(bytes.equals(Buffer.from(stored.data))).toBe(true);
    expectServedHeaders(res, "image/jpeg", bytes.length);
    // Not on this machine's disk: nothing but the database could have answered.
    expect(existsSync(path.join(mediaRoot(), stored.key))).toBe(false);
  });

  it("and the other way round: uploaded on the second instance, served by the first", async () => {
    const uploaded = await withSecondInstance(
      () => import("@/lib/use-cases/media/upload-media"),
      async (two) => (await two.uploadMedia({ actor: asWriter, input: { files: [{ name: `b-${uniq()}.jpg`, data: await photo() }] } })).data,
    );
    const media = uploaded[0] as TMedia;
    const webp = media.urls.srcSetWebp.split(" ")[0]!;
    const { res, bytes } = await fetchMedia(serve, webp);
    expect(res.status).toBe(200);
    expect((await sharp(bytes).metadata()).format).toBe("webp");
    expectServedHeaders(res, "image/webp", bytes.length);
    expect((await fetchMedia(serve, webp, { "if-none-match": res.headers.get("etag")! })).res.status).toBe(304);
  });

  it("a photo stored on disk before keeps being served, with the same headers, and prepare copies it in", async () => {
    const old = await legacyPhoto();
    const fromDisk = await fetchMedia(serve, old.src);
    expect(fromDisk.res.status).toBe(200);
    expectServedHeaders(fromDisk.res, "image/jpeg", fromDisk.bytes.length);

    expect(await copyDiskMediaIntoDatabase()).toBeGreaterThanOrEqual(3);
    expect(await db.mediaFile.count({ where: { mediaId: old.id } })).toBe(3);
    expect(await copyDiskMediaIntoDatabase()).toBe(0);
    // The files can go now (another instance never had them): the database answers.
    rmSync(path.join(mediaRoot(), storageKeyFor(old.id)), { recursive: true, force: true });
    const fromDb = await withSecondInstance(() => import("@/app/media/[...path]/route"), (two) => fetchMedia(two.GET, old.src));
    expect(fromDb.res.status).toBe(200);
    expect(fromDb.bytes.equals(fromDisk.bytes)).toBe(true);
    expect(Object.fromEntries(fromDb.res.headers)).toEqual(Object.fromEntries(fromDisk.res.headers));
  });

  it("deleting a photo's row deletes its renditions", async () => {
    const [media] = await uploadMedia({ actor: asWriter, input: { files: [{ name: `c-${uniq()}.jpg`, data: await photo() }] } });
    await db.media.delete({ where: { id: media!.id } });
    expect(await db.mediaFile.count({ where: { mediaId: media!.id } })).toBe(0);
    expect((await fetchMedia(serve, media!.urls.src)).res.status).toBe(404);
  });
});
