// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, type TestUser, uniq } from "@/lib/testing/db";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { AppError, type ErrorCode } from "@/lib/errors";
import { mediaRoot, type Variant } from "@/lib/media/process";
import { MEDIA_MESSAGES, ZMediaUpdate } from "@/lib/validation/media";
import { createArticle } from "@/lib/testing/use-cases";
import { db } from "./db";
import {
  assertAltText,
  findMedia,
  findMediaForActor,
  findMissingAlt,
  hydrateFigures,
  listMedia,
  mediaUrls,
  requireMedia,
} from "./media";
import { updateMedia, uploadMedia } from "@/lib/testing/use-cases";

let writer: TestUser, writer2: TestUser, editor: TestUser, adviser: TestUser;
let asWriter: Actor, asWriter2: Actor, asEditor: Actor, asAdviser: Actor;

beforeAll(async () => {
  [writer, writer2, editor, adviser] = await Promise.all([
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "EDITOR" }),
    createTestUser({ role: "ADVISER" }),
  ]);
  [asWriter, asWriter2, asEditor, asAdviser] = [writer, writer2, editor, adviser].map((u) => actorFor(u));
});

async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** A small JPEG with GPS in its EXIF (small keeps the AVIF encoder quick). */
function jpeg(width = 400, height = 300) {
  return sharp({ create: { width, height, channels: 3, background: "#3366aa" } })
    .jpeg()
    .withMetadata({ exif: { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "37/1 33/1 59/1" } } })
    .toBuffer();
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function snapshot() {
  return { rows: await db.media.count(), files: listFiles(mediaRoot()).length, stored: await db.mediaFile.count() };
}

async function upload(actor: Actor, name = `photo-${uniq()}.jpg`) {
  const [media] = await uploadMedia({ actor, input: { files: [{ name, data: await jpeg() }] } });
  return media!;
}

describe("uploadMedia", () => {
  it("stores the renditions in the database with the row (the default), nothing on disk", async () => {
    const name = `sunset-${uniq()}.jpg`;
    const media = await upload(asWriter, name);
    const row = await db.media.findUniqueOrThrow({ where: { id: media.id } });
    expect(row).toMatchObject({ storageKey: `${media.id.slice(0, 2)}/${media.id}`, originalName: name, mimeType: "image/jpeg", width: 400, height: 300, uploadedById: writer.userId, alt: "" });
    expect(existsSync(path.join(mediaRoot(), row.storageKey))).toBe(false);
    const variants = JSON.parse(row.variants) as { key: string; format: string; width: number; bytes: number }[];
    const files = await db.mediaFile.findMany({ where: { mediaId: media.id }, orderBy: { key: "asc" } });
    expect(files.map((f) => f.key)).toEqual(["320.avif", "320.jpg", "320.webp"].map((f) => `${row.storageKey}/${f}`));
    expect(files.map((f) => f.contentType)).toEqual(["image/avif", "image/jpeg", "image/webp"]);
    for (const v of variants) expect(files.find((f) => f.key === v.key)?.data.length).toBe(v.bytes);
    expect(media).toMatchObject({ canEdit: true, uploadedBy: { id: writer.userId, name: writer.fullName }, thumbUrl: `/media/${row.storageKey}/320.webp` });
    expect(media.urls).toEqual({
      src: `/media/${row.storageKey}/320.jpg`,
      srcSetWebp: `/media/${row.storageKey}/320.webp 320w`,
      srcSetAvif: `/media/${row.storageKey}/320.avif 320w`,
      width: 320,
      height: 240,
    });
    // No GPS in what is stored.
    for (const f of files) expect((await sharp(Buffer.from(f.data)).metadata()).exif).toBeUndefined();
  });

  it("with MASTHEAD_MEDIA_STORE=disk, stores the renditions under data/media/<prefix>/<id> and then the row", async () => {
    vi.stubEnv("MASTHEAD_MEDIA_STORE", "disk");
    try {
      const media = await upload(asWriter);
      const row = await db.media.findUniqueOrThrow({ where: { id: media.id } });
      const dir = path.join(mediaRoot(), row.storageKey);
      expect(readdirSync(dir).sort()).toEqual(["320.avif", "320.jpg", "320.webp"]);
      const variants = JSON.parse(row.variants) as { key: string; format: string; width: number; bytes: number }[];
      for (const v of variants) expect(existsSync(path.join(mediaRoot(), v.key))).toBe(true);
      expect(await db.mediaFile.count({ where: { mediaId: media.id } })).toBe(0);
      for (const v of variants) expect((await sharp(path.join(mediaRoot(), v.key)).metadata()).exif).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("keeps only the file name, without folders or control characters", async () => {
    const media = await upload(asWriter, "C:\\Users\\kim\\Desktop\\a\u0007b.jpg");
    expect(media.originalName).toBe("ab.jpg");
  });

  it("stores nothing for a text file named photo.jpg: no row, no file", async () => {
    const before = await snapshot();
    const error = await expectAppError(uploadMedia({ actor: asWriter, input: { files: [{ name: "photo.jpg", data: Buffer.from("hello, I am text\n") }] } }), "VALIDATION");
    expect(error.message).toBe(MEDIA_MESSAGES.notImage);
    expect(error.fields).toEqual({ file: MEDIA_MESSAGES.notImage });
    expect(await snapshot()).toEqual(before);
  });

  it("is all or nothing: one bad file among good ones stores none of them, and says which", async () => {
    const before = await snapshot();
    const error = await expectAppError(
      uploadMedia({
        actor: asWriter,
        input: {
          files: [
            { name: "good.jpg", data: await jpeg() },
            { name: "notes.jpg", data: Buffer.from("not an image") },
          ],
        },
      }),
      "VALIDATION",
    );
    expect(error.message).toBe(`notes.jpg: ${MEDIA_MESSAGES.notImage}`);
    expect(error.fields).toEqual({ file: MEDIA_MESSAGES.notImage });
    expect(await snapshot()).toEqual(before);
  });

  it("accepts a PNG named notes.txt and records it as a PNG", async () => {
    const png = await sharp({ create: { width: 330, height: 330, channels: 3, background: "#00aa00" } }).png().toBuffer();
    const [media] = await uploadMedia({ actor: asWriter, input: { files: [{ name: "notes.txt", data: png }] } });
    expect(media).toMatchObject({ mimeType: "image/png", originalName: "notes.txt" });
  });

  it("removes the files again when the database write fails (on disk too)", async () => {
    vi.stubEnv("MASTHEAD_MEDIA_STORE", "disk");
    try {
      const before = await snapshot();
      const ghost: Actor = { ...asWriter, userId: `nosuchuser${uniq()}` };
      await expect(uploadMedia({ actor: ghost, input: { files: [{ name: "x.jpg", data: await jpeg() }] } })).rejects.toThrow();
      expect(await snapshot()).toEqual(before);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("stores nothing when the database write fails", async () => {
    const before = await snapshot();
    const ghost: Actor = { ...asWriter, userId: `nosuchuser${uniq()}` };
    await expect(uploadMedia({ actor: ghost, input: { files: [{ name: "x.jpg", data: await jpeg() }] } })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an empty request and too many files", async () => {
    const none = await expectAppError(uploadMedia({ actor: asWriter, input: { files: [] } }), "VALIDATION");
    expect(none.fields).toEqual({ file: MEDIA_MESSAGES.noFile });
    const data = Buffer.from("x");
    const many = await expectAppError(uploadMedia({ actor: asWriter, input: { files: Array.from({ length: 11 }, () => ({ name: "a.jpg", data })) } }), "VALIDATION");
    expect(many.fields).toEqual({ file: MEDIA_MESSAGES.tooManyFiles });
  });
});

describe("updateMedia", () => {
  it("lets the uploader, editors and advisers change the details; another writer gets 403", async () => {
    const media = await upload(asWriter);
    expect(await updateMedia({ actor: asWriter, id: media.id, input: ZMediaUpdate.parse({ alt: "  Students at the rally  " }) })).toMatchObject({ alt: "Students at the rally" });
    await expectAppError(updateMedia({ actor: asWriter2, id: media.id, input: { alt: "vandalised" } }), "FORBIDDEN");
    expect((await db.media.findUniqueOrThrow({ where: { id: media.id } })).alt).toBe("Students at the rally");
    expect(await updateMedia({ actor: asEditor, id: media.id, input: { caption: "The rally on Friday." } })).toMatchObject({
      alt: "Students at the rally",
      caption: "The rally on Friday.",
    });
    expect(await updateMedia({ actor: asAdviser, id: media.id, input: { credit: "Jaehoon Song" } })).toMatchObject({ credit: "Jaehoon Song", caption: "The rally on Friday." });
  });

  it("answers 404 for an image that does not exist", async () => {
    await expectAppError(updateMedia({ actor: asAdviser, id: "nosuchimage", input: { alt: "x" } }), "NOT_FOUND");
    await expectAppError(findMediaForActor({ actor: asWriter, id: "nosuchimage" }), "NOT_FOUND");
  });

  it("tells each caller whether they may edit", async () => {
    const media = await upload(asWriter);
    expect((await findMediaForActor({ actor: asWriter, id: media.id })).canEdit).toBe(true);
    expect((await findMediaForActor({ actor: asWriter2, id: media.id })).canEdit).toBe(false);
    expect((await findMediaForActor({ actor: asEditor, id: media.id })).canEdit).toBe(true);
  });
});

describe("listMedia", () => {
  it("searches alt text, caption, credit and file name, every word somewhere", async () => {
    const word = uniq();
    const a = await upload(asWriter, `gym-${word}.jpg`);
    const b = await upload(asWriter2);
    await updateMedia({ actor: asEditor, id: b.id, input: { caption: `Varsity ${word} final`, credit: "Minji Kim" } });
    const c = await upload(asWriter);
    await updateMedia({ actor: asWriter, id: c.id, input: { alt: `A ${word} trophy` } });
    const ids = async (q: string) => (await listMedia({ actor: asWriter, query: { q } })).map((m) => m.id).sort();
    expect(await ids(word)).toEqual([a.id, b.id, c.id].sort());
    expect(await ids(`${word} minji`)).toEqual([b.id]);
    expect(await ids(`${word} TROPHY`)).toEqual([c.id]);
    expect(await ids(`nothing-${uniq()}`)).toEqual([]);
    const missing = (await listMedia({ actor: asWriter, query: { q: word, missingAlt: true } })).map((m) => m.id).sort();
    expect(missing).toEqual([a.id, b.id].sort());
  });
});

describe("public helpers", () => {
  it("findMedia gives the public shape only, and null for nothing", async () => {
    const media = await upload(asWriter);
    await updateMedia({ actor: asWriter, id: media.id, input: { alt: "A goal", caption: "Cap", credit: "Cred" } });
    expect(await findMedia({ id: media.id })).toEqual({ id: media.id, alt: "A goal", caption: "Cap", credit: "Cred", urls: media.urls });
    expect(await findMedia({ id: "nosuchimage" })).toBeNull();
  });

  it("mediaUrls lists every width, smallest first, with the JPEG at the largest as src", () => {
    const key = "ab/ab0123456789";
    const variants: Variant[] = [1024, 320, 640].flatMap((w): Variant[] => [
      { width: w, height: w / 2, format: "webp", key: `${key}/${w}.webp`, bytes: 1 },
      { width: w, height: w / 2, format: "avif", key: `${key}/${w}.avif`, bytes: 1 },
    ]);
    variants.push({ width: 1024, height: 512, format: "jpeg", key: `${key}/1024.jpg`, bytes: 1 });
    expect(mediaUrls({ variants: JSON.stringify(variants), width: 3000, height: 1500 })).toEqual({
      src: `/media/${key}/1024.jpg`,
      srcSetWebp: `/media/${key}/320.webp 320w, /media/${key}/640.webp 640w, /media/${key}/1024.webp 1024w`,
      srcSetAvif: `/media/${key}/320.avif 320w, /media/${key}/640.avif 640w, /media/${key}/1024.avif 1024w`,
      width: 1024,
      height: 512,
    });
    expect(mediaUrls({ variants: "not json", width: 10, height: 5 })).toEqual({ src: "", srcSetWebp: "", srcSetAvif: "", width: 10, height: 5 });
  });
});

describe("requireMedia", () => {
  it("passes for a library image and is a VALIDATION error on the field otherwise", async () => {
    const media = await upload(asWriter);
    await expect(requireMedia({ id: media.id })).resolves.toBeUndefined();
    const error = await expectAppError(requireMedia({ id: "nosuchimage" }), "VALIDATION");
    expect(error.fields).toHaveProperty("leadImageId");
  });
});

describe("findMissingAlt", () => {
  async function storyWith({ leadImageId, figures }: { leadImageId?: string; figures: { mediaId: string; alt?: string }[] }) {
    const story = await createArticle({ actor: asWriter, input: { headline: `Pictures ${uniq()}`, dek: "", body: "<p>Words.</p>" } });
    const doc = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Words." }] },
        // Nested, as a figure inside a block quote would be.
        ...figures.map((f) => ({ type: "blockquote", content: [{ type: "figure", attrs: { mediaId: f.mediaId, src: "/media/x", alt: f.alt ?? "" } }] })),
      ],
    };
    await db.article.update({ where: { id: story.id }, data: { leadImageId: leadImageId ?? null, bodyJson: JSON.stringify(doc) } });
    return story.id;
  }

  it("lists the lead image and inline figures that lack alt text, and nothing else", async () => {
    const [lead, inline, described, ownAlt, unused] = await Promise.all([upload(asWriter), upload(asWriter), upload(asWriter), upload(asWriter), upload(asWriter)]);
    await updateMedia({ actor: asWriter, id: described.id, input: { alt: "A described photo" } });
    const articleId = await storyWith({
      leadImageId: lead.id,
      figures: [{ mediaId: inline.id }, { mediaId: described.id }, { mediaId: ownAlt.id, alt: "Alt written in the story" }],
    });
    const missing = await findMissingAlt({ articleId });
    expect(missing.map((m) => ({ id: m.id, usedAs: m.usedAs })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: lead.id, usedAs: ["lead"] },
        { id: inline.id, usedAs: ["inline"] },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(missing.find((m) => m.id === lead.id)).toMatchObject({ originalName: lead.originalName, thumbUrl: lead.thumbUrl });
    expect(missing.map((m) => m.id)).not.toContain(unused.id);

    const error = await expectAppError(assertAltText({ articleId }), "CONFLICT");
    expect(error.message).toContain(`${lead.originalName} (lead image)`);
    expect(error.message).toContain(inline.originalName);

    await updateMedia({ actor: asWriter, id: lead.id, input: { alt: "Lead photo" } });
    await updateMedia({ actor: asWriter, id: inline.id, input: { alt: "Inline photo" } });
    expect(await findMissingAlt({ articleId })).toEqual([]);
    await expect(assertAltText({ articleId })).resolves.toBeUndefined();
  });

  it("is empty for a story without images or an unknown story", async () => {
    expect(await findMissingAlt({ articleId: await storyWith({ figures: [] }) })).toEqual([]);
    expect(await findMissingAlt({ articleId: "nosuchstory" })).toEqual([]);
  });
});

describe("hydrateFigures", () => {
  it("refreshes src and size from the library, fills empty details, keeps the story's own, drops missing images", async () => {
    const media = await upload(asWriter);
    await updateMedia({ actor: asWriter, id: media.id, input: { alt: "Library alt", caption: "Library caption", credit: "Library credit" } });
    const doc = {
      type: "doc",
      content: [
        { type: "figure", attrs: { mediaId: media.id, src: "/media/old", alt: "", caption: "Story caption", credit: "" } },
        { type: "figure", attrs: { mediaId: "nosuchimage", src: "/media/gone", alt: "Gone" } },
        { type: "paragraph", content: [{ type: "text", text: "After." }] },
      ],
    };
    const out = await hydrateFigures(doc);
    expect(out.content).toHaveLength(2);
    expect(out.content?.[0]?.attrs).toEqual({
      mediaId: media.id,
      src: media.urls.src,
      width: media.urls.width,
      height: media.urls.height,
      alt: "Library alt",
      caption: "Story caption",
      credit: "Library credit",
    });
    expect(out.content?.[1]?.type).toBe("paragraph");
  });
});
