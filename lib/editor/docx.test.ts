// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, type TestUser } from "@/lib/testing/db";
import { docx, picture } from "@/lib/testing/docx";
import { addImportedImage, createApiToken, createArticle, importDocxForActor, skipImportedImage, transitionArticle } from "@/lib/testing/use-cases";
import { existsSync } from "node:fs";
import path from "node:path";
import { getSchema, type JSONContent } from "@tiptap/core";
import { generateJSON } from "@tiptap/html/server";
import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import JSZip from "jszip";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as addRoute, DELETE as skipRoute } from "@/app/api/v1/import/[importId]/images/[key]/route";
import { POST as importRoute } from "@/app/api/v1/import/route";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";
import { mediaRoot, type Variant } from "@/lib/media/process";
import type { TDocxImportResult } from "@/lib/validation/docx-import";
import type { TMedia } from "@/lib/validation/media";
import { DOCX_LIMITS, importDocx } from "./docx";
import { DocxImageSlot, fillDocxImageSlot, findDocxImageSlot } from "./docx-slot";
import { storyExtensions } from "./extensions";
import { renderBodyFromHtml, renderBodyFromJson } from "./render";

const p = (inner: string, props = "") => `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${inner}</w:p>`;
const run = (text: string, props = "") => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}<w:t xml:space="preserve">${text}</w:t></w:r>`;

/** A photo straight off a phone: EXIF with the GPS position of the photographer. */
function gpsJpeg() {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: "#3366aa" } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Make: "SpyCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "36/1 12/1 7/1", GPSLongitudeRef: "E", GPSLongitude: "37/1 9/1 40/1" } } })
    .toBuffer();
}

function png() {
  return sharp({ create: { width: 800, height: 500, channels: 3, background: "#aa3300" } }).png().toBuffer();
}

/** The start of an Enhanced Metafile (Word's vector drawings): EMR_HEADER with " EMF" at 40. */
function emf(): Buffer {
  const bytes = Buffer.alloc(108);
  bytes.writeUInt32LE(1, 0);
  bytes.writeUInt32LE(108, 4);
  bytes.write(" EMF", 40, "latin1");
  return bytes;
}

/** The GPS IFD pointer (EXIF tag 0x8825, little-endian as sharp writes it). */
const GPS_POINTER = Buffer.from([0x25, 0x88]);

let writer: TestUser, other: TestUser;
let asWriter: Actor, asOther: Actor;

beforeAll(async () => {
  [writer, other] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "WRITER" })]);
  [asWriter, asOther] = [writer, other].map((u) => actorFor(u));
});

/** The story document from the Aleppo piece: a map inside a paragraph, a crowd photo between paragraphs, a Word chart. */
async function aleppoDocx() {
  const jpeg = await gpsJpeg();
  const file = await docx(
    p(run("Opposition forces have entered Aleppo.")) +
      p(run("The map ") + picture("rIdImg1", { descr: "Map of northern Syria" }) + run(" shows the advance.")) +
      p(run("Residents fled.")) +
      p(picture("rIdImg2", { title: "Crowd at the checkpoint" })) +
      p(run("End.")) +
      p(picture("rIdImg3")),
    [
      { id: "rIdImg1", file: "image1.png", data: await png() },
      { id: "rIdImg2", file: "image2.jpeg", data: jpeg },
      { id: "rIdImg3", file: "image3.emf", data: emf() },
    ],
  );
  return { file, jpeg };
}

function variantFiles(media: TMedia): Promise<Variant[]> {
  return db.media.findUniqueOrThrow({ where: { id: media.id }, select: { variants: true } }).then((r) => JSON.parse(r.variants) as Variant[]);
}

/** The newsroom editor's document (story schema plus slots), as the browser would hold it. */
function editorState(body: string): EditorState {
  const extensions = [...storyExtensions, DocxImageSlot];
  const schema = getSchema(extensions);
  return EditorState.create({ doc: PMNode.fromJSON(schema, generateJSON(body, extensions)) });
}

describe("importDocx", () => {
  it("keeps headings, paragraphs, bold, italic, links and lists, in the story schema", async () => {
    const file = await docx(
      p(run("Syrian insurgents enter Aleppo"), '<w:pStyle w:val="Heading1"/>') +
        p(run("Opposition forces ") + run("have entered", "<w:b/>") + run(" Aleppo ") + run("on Friday", "<w:i/>") + run(".")) +
        p(`<w:hyperlink r:id="rIdLink">${run("International Crisis Group")}</w:hyperlink>`) +
        p(run("Hezbollah is distracted"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>') +
        p(run("Russia is bogged down"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'),
    );
    const { body, images } = await importDocx(file);
    expect(body).toContain("<h2>Syrian insurgents enter Aleppo</h2>");
    expect(body).toContain("<strong>have entered</strong>");
    expect(body).toContain("<em>on Friday</em>");
    expect(body).toMatch(/<a [^>]*href="https:\/\/www\.crisisgroup\.org\/"[^>]*>International Crisis Group<\/a>/);
    expect(body).toMatch(/<ul><li><p>Hezbollah is distracted<\/p><\/li><li><p>Russia is bogged down<\/p><\/li><\/ul>/);
    expect(body).not.toMatch(/style=|class=|data-docx-image/);
    expect(images).toEqual([]);
  });

  it("refuses a file that is not a .docx, by its bytes", async () => {
    await expect(importDocx(Buffer.from("just some text named story.docx"))).rejects.toMatchObject({ code: "VALIDATION", fields: { file: expect.stringContaining("not a .docx") } });
    const notWord = new JSZip();
    notWord.file("hello.txt", "a zip, but not a Word document");
    await expect(importDocx(await notWord.generateAsync({ type: "nodebuffer" }))).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses a zip bomb: a small file that unpacks to more than the limit", async () => {
    const bomb = new JSZip();
    bomb.file("[Content_Types].xml", "<Types/>");
    bomb.file("word/media/padding.bin", Buffer.alloc(DOCX_LIMITS.unzippedBytes + 1));
    const file = await bomb.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
    expect(file.length).toBeLessThan(1024 * 1024); // ~100 KB on the wire
    await expect(importDocx(file)).rejects.toMatchObject({ code: "VALIDATION", fields: { file: expect.stringContaining("more than 100 MB") } });
    // Deflating 100 MB takes seconds alone and over 20 s on a loaded CI machine.
  }, 120_000);

  it("marks each picture's place: a picture inside a paragraph splits it, one inside a list follows the list", async () => {
    const file = await docx(
      p(run("Before ") + picture("rIdA") + run(" after.")) + p(run("A list item ") + picture("rIdB"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>') + p(run("Last.")),
      [
        { id: "rIdA", file: "a.png", data: await png() },
        { id: "rIdB", file: "b.png", data: await png() },
      ],
    );
    const { body, images } = await importDocx(file);
    expect(body).toBe(
      '<p>Before</p><div data-docx-image="image-1"></div><p>after.</p><ul><li><p>A list item</p></li></ul><div data-docx-image="image-2"></div><p>Last.</p>',
    );
    expect(images.map((i) => [i.key, i.contentType])).toEqual([
      ["image-1", "image/png"],
      ["image-2", "image/png"],
    ]);
  });

  it("cannot be fooled by text that looks like an image marker", async () => {
    const { body } = await importDocx(await docx(p(run('masthead-docx:1 MHDOCX0000000000000000I1E &lt;div data-docx-image="image-1"&gt;&lt;/div&gt;'))));
    expect(body).not.toContain("<div");
    expect(body).toContain("masthead-docx:1 MHDOCX0000000000000000I1E &lt;div");
  });
});

describe("importing a .docx with photos", () => {
  it("extracts every photo, runs it through the media pipeline (GPS stripped), offers it, and places the ones added", async () => {
    const { file, jpeg } = await aleppoDocx();
    const mediaBefore = await db.media.count();
    const result = await importDocxForActor({ actor: asWriter, input: { file: { name: "Aleppo report.docx", data: file } } });

    // The text, with a slot where each photo stood; the Word drawing's slot is gone.
    expect(result.body).toBe(
      '<p>Opposition forces have entered Aleppo.</p><p>The map</p><div data-docx-image="image-1"></div><p>shows the advance.</p><p>Residents fled.</p><div data-docx-image="image-2"></div><p>End.</p>',
    );
    expect(result.images).toEqual([
      { key: "image-1", label: "Photo 1 (PNG)", name: "Aleppo-report-photo-1.png", alt: "Map of northern Syria", width: 800, height: 500, preview: expect.stringMatching(/^data:image\/webp;base64,/) },
      { key: "image-2", label: "Photo 2 (JPEG)", name: "Aleppo-report-photo-2.jpg", alt: "Crowd at the checkpoint", width: 1200, height: 800, preview: expect.stringMatching(/^data:image\/webp;base64,/) },
    ]);
    // The unsupported drawing is reported by name with a reason; the text came in anyway.
    expect(result.failedImages).toEqual([{ key: "image-3", label: "Photo 3 (EMF)", reason: expect.stringMatching(/EMF\/WMF.*PNG/) }]);
    expect(result.warnings).toEqual([expect.stringMatching(/^Photo 3 \(EMF\) was left out: /)]);

    // Previews are pipeline renditions: small, WebP, no metadata.
    const preview = await sharp(Buffer.from(result.images[1]!.preview.split(",")[1]!, "base64")).metadata();
    expect(preview).toMatchObject({ format: "webp", width: 320 });
    expect(preview.exif).toBeUndefined();

    // Offered, not stored: nothing is in the library until the user adds it.
    expect(await db.media.count()).toBe(mediaBefore);
    const pending = async () => (await db.stagedImage.findMany({ where: { importId: result.importId! }, select: { key: true }, orderBy: { key: "asc" } })).map((i) => i.key);
    expect(await pending()).toEqual(["image-1", "image-2"]);

    // The phone photo goes in with alt text, caption and credit; its GPS does not.
    expect((await sharp(jpeg).metadata()).exif?.includes(GPS_POINTER)).toBe(true);
    const media = await addImportedImage({
      actor: asWriter,
      input: {
        importId: result.importId!,
        key: "image-2",
        details: { alt: "Residents queue at a checkpoint outside Aleppo", caption: "Leaving the city on Friday.", credit: "Pixabay" },
      },
    });
    expect(media).toMatchObject({
      originalName: "Aleppo-report-photo-2.jpg",
      mimeType: "image/jpeg",
      width: 1200,
      height: 800,
      alt: "Residents queue at a checkpoint outside Aleppo",
      caption: "Leaving the city on Friday.",
      credit: "Pixabay",
      uploadedBy: { id: writer.userId },
      canEdit: true,
    });
    // Renditions never upscale: 320, 640 and 1024 wide, the JPEG fallback at the largest.
    expect(media.urls).toMatchObject({ src: expect.stringMatching(/^\/media\/[a-z0-9]{2}\/[a-z0-9]+\/1024\.jpg$/), width: 1024, height: 683 });
    const variants = await variantFiles(media);
    expect(variants.map((v) => `${v.format}@${v.width}`).sort()).toEqual(["avif@1024", "avif@320", "avif@640", "jpeg@1024", "webp@1024", "webp@320", "webp@640"].sort());
    // Stored in the database with the row (the default media store), nothing on disk.
    expect(existsSync(path.join(mediaRoot(), variants[0]!.key, ".."))).toBe(false);
    for (const v of variants) {
      const row = await db.mediaFile.findUniqueOrThrow({ where: { key: v.key } });
      const bytes = Buffer.from(row.data);
      const meta = await sharp(bytes).metadata();
      expect(meta.exif, v.key).toBeUndefined();
      expect(meta.xmp, v.key).toBeUndefined();
      expect(bytes.includes(Buffer.from("SpyCam")), v.key).toBe(false);
    }
    expect(await pending()).toEqual(["image-1"]);
    expect(await db.stagedImageFile.count({ where: { importId: result.importId!, key: "image-2" } })).toBe(0);

    // The map is skipped: removed, never stored. With every photo decided, the import is gone.
    await skipImportedImage({ actor: asWriter, input: { importId: result.importId!, key: "image-1" } });
    expect(await db.media.count()).toBe(mediaBefore + 1);
    expect(await db.stagedImport.count({ where: { id: result.importId! } })).toBe(0);
    expect(await db.stagedImageFile.count({ where: { importId: result.importId! } })).toBe(0);

    // In the editor: the added photo takes its slot as a figure, the skipped one's slot goes.
    const state = editorState(result.body);
    const tr = state.tr;
    expect(fillDocxImageSlot(tr, "image-2", { mediaId: media.id, src: media.urls.src, alt: media.alt, caption: media.caption, credit: media.credit, width: media.urls.width, height: media.urls.height })).toBe("slot");
    expect(fillDocxImageSlot(tr, "image-1", null)).toBe("none");
    const saved = renderBodyFromJson(state.apply(tr).doc.toJSON() as JSONContent);
    expect(saved.html).toBe(
      `<p>Opposition forces have entered Aleppo.</p><p>The map</p><p>shows the advance.</p><p>Residents fled.</p><figure data-media-id="${media.id}"><img src="${media.urls.src}" alt="Residents queue at a checkpoint outside Aleppo" width="1024" height="683" loading="lazy" /><figcaption>Leaving the city on Friday. <span class="credit">Pixabay</span></figcaption></figure><p>End.</p>`,
    );
  });

  it("puts a photo whose slot was deleted at the end, and the server drops undecided slots from a saved body", async () => {
    const state = editorState('<p>One.</p><div data-docx-image="image-1"></div><p>Two.</p>');
    const slot = findDocxImageSlot(state.doc, "image-1")!;
    const withoutSlot = state.apply(state.tr.delete(slot.pos, slot.pos + slot.node.nodeSize)).doc;
    expect(withoutSlot.childCount).toBe(2);
    const tr = EditorState.create({ doc: withoutSlot }).tr;
    expect(fillDocxImageSlot(tr, "image-1", { mediaId: "ab12cd34ef56ab12cd34ef56", src: "/media/ab/ab12cd34ef56ab12cd34ef56/640.jpg", alt: "A" })).toBe("end");
    expect(tr.doc.lastChild?.type.name).toBe("figure");
    // An autosave while a photo is still undecided: no slot and no stray text are kept.
    expect(renderBodyFromHtml('<p>One.</p><div data-docx-image="image-1"></div><p>Two.</p>').html).toBe("<p>One.</p><p>Two.</p>");
  });

  it("reports a picture linked to the writer's computer, and imports the text", async () => {
    const file = await docx(p(run("Text stays.")) + p(picture("rIdLinked", { linked: true })), [{ id: "rIdLinked", linked: "file:///etc/hostname" }]);
    const result = await importDocxForActor({ actor: asWriter, input: { file: { name: "linked.docx", data: file } } });
    expect(result.body).toBe("<p>Text stays.</p>");
    expect(result.importId).toBeNull();
    expect(result.images).toEqual([]);
    expect(result.failedImages).toEqual([{ key: "image-1", label: "Photo 1 (unknown type)", reason: expect.stringContaining("linked to a file") }]);
  });

  it("follows the story's permission rules, and keeps each import to the person who made it", async () => {
    const { file } = await aleppoDocx();
    // Someone else's draft is invisible (404); one's own story in review cannot be edited (403).
    const othersDraft = await createArticle({ actor: asOther, input: { headline: "Someone else's draft", dek: "", body: "" } });
    await expect(importDocxForActor({ actor: asWriter, input: { articleId: othersDraft.id, file: { name: "a.docx", data: file } } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const mine = await createArticle({ actor: asWriter, input: { headline: "My draft", dek: "", body: "" } });
    const result = await importDocxForActor({ actor: asWriter, input: { articleId: mine.id, file: { name: "a.docx", data: file } } });
    expect(result.images).toHaveLength(2);

    // Another writer can neither add nor skip it: the import looks like none.
    await expect(addImportedImage({ actor: asOther, input: { importId: result.importId!, key: "image-1", details: { alt: "x" } } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(skipImportedImage({ actor: asOther, input: { importId: result.importId!, key: "image-1" } })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Once the story is in review, the writer may no longer add photos to it.
    await transitionArticle({ actor: asWriter, id: mine.id, input: { action: "submit" } });
    const before = await db.media.count();
    await expect(addImportedImage({ actor: asWriter, input: { importId: result.importId!, key: "image-1", details: { alt: "x" } } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.media.count()).toBe(before);
    expect(await db.stagedImage.count({ where: { importId: result.importId!, key: "image-1" } })).toBe(1);
    await expect(importDocxForActor({ actor: asWriter, input: { articleId: mine.id, file: { name: "a.docx", data: file } } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the import API", () => {
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

  it("imports, adds one photo with its details, skips the other, and answers 404/422 for bad requests", async () => {
    const { token } = await createApiToken({ actor: asWriter, input: { name: "docx import test" } });
    const { file } = await aleppoDocx();
    const form = new FormData();
    form.set("file", new File([new Uint8Array(file)], "Aleppo.docx"));
    const res = await importRoute(new Request("http://localhost/api/v1/import", { method: "POST", headers: auth(token), body: form }), ctx({} as Record<string, never>));
    expect(res.status).toBe(200);
    const result = (await res.json()) as TDocxImportResult;
    expect(result.images.map((i) => i.key)).toEqual(["image-1", "image-2"]);
    expect(result.failedImages.map((f) => f.key)).toEqual(["image-3"]);
    const url = (key: string) => `http://localhost/api/v1/import/${result.importId}/images/${key}`;
    const headers = { ...auth(token), "content-type": "application/json" };

    const tooLong = await addRoute(new Request(url("image-1"), { method: "POST", headers: auth(token), body: JSON.stringify({ alt: "x".repeat(501) }) }), ctx({ importId: result.importId!, key: "image-1" }));
    expect(tooLong.status).toBe(422);
    expect(((await tooLong.json()) as { error: { fields: Record<string, string> } }).error.fields.alt).toMatch(/500 characters/);

    const added = await addRoute(
      new Request(url("image-1"), { method: "POST", headers, body: JSON.stringify({ alt: "Map of northern Syria", credit: "Pixabay" }) }),
      ctx({ importId: result.importId!, key: "image-1" }),
    );
    expect(added.status).toBe(201);
    const { media } = (await added.json()) as { media: TMedia };
    expect(media).toMatchObject({ alt: "Map of northern Syria", credit: "Pixabay", caption: "", mimeType: "image/png" });
    // Twice is once: the photo is no longer pending.
    const again = await addRoute(new Request(url("image-1"), { method: "POST", headers, body: "{}" }), ctx({ importId: result.importId!, key: "image-1" }));
    expect(again.status).toBe(404);

    const skipped = await skipRoute(new Request(url("image-2"), { method: "DELETE", headers: auth(token) }), ctx({ importId: result.importId!, key: "image-2" }));
    expect(skipped.status).toBe(204);
    for (const [importId, key] of [
      [result.importId!, "image-3"],
      [result.importId!, "../image-1"],
      ["not-an-import", "image-1"],
    ] as const) {
      const res404 = await skipRoute(new Request(url(key), { method: "DELETE", headers: auth(token) }), ctx({ importId, key }));
      expect(res404.status, `${importId}/${key}`).toBe(404);
    }
  });
});
