import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { expectInvalid } from "./expect-invalid";
import { MEDIA_MESSAGES } from "@/lib/validation/media";
import {
  detectImageType,
  processImage,
  removeStored,
  renditionWidths,
  resolveMediaPath,
  storageKeyFor,
  storeRenditions,
  newMediaId,
} from "./process";

const GPS_EXIF = {
  IFD0: { Make: "SpyCam", Model: "Phone 15", Copyright: "Student Photographer" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "37/1 33/1 59/1", GPSLongitudeRef: "E", GPSLongitude: "126/1 58/1 40/1" },
};

/** A width x height photo with EXIF (including GPS) and an orientation tag. */
function photo({ width, height, orientation = 1, format = "jpeg" as "jpeg" | "png" | "webp" }: { width: number; height: number; orientation?: number; format?: "jpeg" | "png" | "webp" }) {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    // A distinct top-left quarter, to see which way up the result is.
    .composite([{ input: { create: { width: Math.ceil(width / 2), height: Math.ceil(height / 2), channels: 3, background: "#0000ff" } }, top: 0, left: 0 }]);
  return image.toFormat(format).withMetadata({ orientation, exif: GPS_EXIF }).toBuffer();
}

/** A minimal ISO-BMFF `ftyp` box with these brands, then `rest`. */
function ftyp(major: string, compatible: string[], rest: Buffer = Buffer.alloc(0)): Buffer {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write("ftyp", 4, "latin1");
  box.write(major, 8, "latin1");
  compatible.forEach((b, i) => box.write(b, 16 + 4 * i, "latin1"));
  return Buffer.concat([box, rest]);
}


describe("detectImageType", () => {
  it("reads JPEG, PNG and WebP by their magic numbers", async () => {
    expect(detectImageType(await photo({ width: 10, height: 10, format: "jpeg" }))).toBe("jpeg");
    expect(detectImageType(await photo({ width: 10, height: 10, format: "png" }))).toBe("png");
    expect(detectImageType(await photo({ width: 10, height: 10, format: "webp" }))).toBe("webp");
  });

  it("recognises HEIC/HEIF by the brands of the ftyp box", () => {
    for (const brand of ["heic", "heix", "hevc", "mif1", "msf1", "heif"]) expect(detectImageType(ftyp(brand, []))).toBe("heic");
    // An iPhone photo: major brand heic, compatible mif1, MiHE, miaf...
    expect(detectImageType(ftyp("heic", ["mif1", "MiHE", "miaf", "MiHB", "heic"]))).toBe("heic");
    // Major brand unknown but a HEIF brand among the compatible ones.
    expect(detectImageType(ftyp("MiHE", ["miaf", "heix"]))).toBe("heic");
  });

  it("rejects AVIF, video and anything else", () => {
    expect(detectImageType(ftyp("avif", ["mif1", "miaf"]))).toBeNull();
    expect(detectImageType(ftyp("isom", ["iso2", "mp41"]))).toBeNull();
    expect(detectImageType(Buffer.from("GIF89a......"))).toBeNull();
    expect(detectImageType(Buffer.from("%PDF-1.7 hello"))).toBeNull();
    expect(detectImageType(Buffer.from("Just some text pretending to be photo.jpg\n"))).toBeNull();
    expect(detectImageType(Buffer.alloc(0))).toBeNull();
    expect(detectImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

describe("renditionWidths", () => {
  it("never exceeds the original and always keeps one width", () => {
    expect(renditionWidths(4032)).toEqual([320, 640, 1024, 1600]);
    expect(renditionWidths(1600)).toEqual([320, 640, 1024, 1600]);
    expect(renditionWidths(1200)).toEqual([320, 640, 1024]);
    expect(renditionWidths(320)).toEqual([320]);
    expect(renditionWidths(200)).toEqual([200]);
  });
});

describe("processImage", () => {
  it("strips EXIF (GPS included), XMP, IPTC and ICC from every rendition", async () => {
    const input = await photo({ width: 2000, height: 1500 });
    const before = await sharp(input).metadata();
    expect(before.exif?.toString("latin1")).toContain("SpyCam");
    // The GPS IFD pointer (tag 0x8825, little-endian) is really there before processing.
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    const out = await processImage(input);
    for (const r of out.renditions) {
      const meta = await sharp(r.data).metadata();
      expect(meta.exif, `${r.file} has EXIF`).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      // Belt and braces: not even the strings survive anywhere in the file.
      const raw = r.data.toString("latin1");
      expect(raw).not.toContain("SpyCam");
      expect(raw).not.toContain("Student Photographer");
      expect(raw).not.toContain("Exif\0\0");
    }
  });

  it("makes WebP and AVIF at each width and one JPEG at the largest, with the right formats and sizes", async () => {
    const out = await processImage(await photo({ width: 2000, height: 1500 }));
    expect(out).toMatchObject({ kind: "jpeg", mimeType: "image/jpeg", width: 2000, height: 1500 });
    const summary = out.renditions.map((r) => `${r.file} ${r.width}x${r.height}`).sort();
    expect(summary).toEqual(
      [
        "320.webp 320x240",
        "320.avif 320x240",
        "640.webp 640x480",
        "640.avif 640x480",
        "1024.webp 1024x768",
        "1024.avif 1024x768",
        "1600.webp 1600x1200",
        "1600.avif 1600x1200",
        "1600.jpg 1600x1200",
      ].sort(),
    );
    for (const r of out.renditions) {
      const meta = await sharp(r.data).metadata();
      const expected = { webp: "webp", avif: "heif", jpeg: "jpeg" }[r.format];
      expect(meta.format).toBe(expected);
      if (r.format === "avif") expect(meta.compression).toBe("av1");
      expect([meta.width, meta.height]).toEqual([r.width, r.height]);
    }
  });

  it("never upscales: a small image gets renditions at its own size at most", async () => {
    const out = await processImage(await photo({ width: 700, height: 350, format: "png" }));
    expect(out.renditions.map((r) => r.file).sort()).toEqual(["320.avif", "320.webp", "640.avif", "640.jpg", "640.webp"]);
    const tiny = await processImage(await photo({ width: 150, height: 100, format: "webp" }));
    expect(tiny.renditions.map((r) => `${r.file} ${r.width}x${r.height}`).sort()).toEqual(["150.avif 150x100", "150.jpg 150x100", "150.webp 150x100"]);
  });

  it("turns the picture upright by its EXIF orientation before dropping the tag", async () => {
    // Stored 1200x800 landscape, orientation 6 (rotate 90° clockwise to view): a portrait photo.
    const out = await processImage(await photo({ width: 1200, height: 800, orientation: 6 }));
    expect([out.width, out.height]).toEqual([800, 1200]);
    const jpeg = out.renditions.find((r) => r.format === "jpeg")!;
    expect([jpeg.width, jpeg.height]).toEqual([640, 960]);
    // The blue top-left quarter of the stored image ends up top-right once rotated clockwise.
    const { data, info } = await sharp(jpeg.data).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(pixel(info.width - 20, 20)[2]).toBeGreaterThan(200);
    expect(pixel(20, 20)[2]).toBeLessThan(100);
  });

  it("keeps transparency in WebP and AVIF and flattens the JPEG onto white", async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const out = await processImage(png);
    const webp = out.renditions.find((r) => r.format === "webp")!;
    expect((await sharp(webp.data).metadata()).hasAlpha).toBe(true);
    const jpeg = out.renditions.find((r) => r.format === "jpeg")!;
    const { data } = await sharp(jpeg.data).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
  });

  it("accepts a PNG whatever it is called: the bytes decide, not the name", async () => {
    // The pipeline never sees the name; a PNG uploaded as notes.txt is still a PNG.
    const out = await processImage(await photo({ width: 400, height: 400, format: "png" }));
    expect(out).toMatchObject({ kind: "png", mimeType: "image/png" });
  });

  it("rejects a text file named photo.jpg with the clear message", async () => {
    await expectInvalid(processImage(Buffer.from("This is not a photo, it is a text file named photo.jpg\n")), MEDIA_MESSAGES.notImage);
    await expectInvalid(processImage(Buffer.from("GIF89a\x01\x00\x01\x00")), MEDIA_MESSAGES.notImage);
  });

  it("rejects empty, oversized and over-40-megapixel files with their own messages", async () => {
    await expectInvalid(processImage(Buffer.alloc(0)), MEDIA_MESSAGES.empty);
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff], 0);
    await expectInvalid(processImage(big), MEDIA_MESSAGES.tooBig);
    // 8000x5001 = 40.008 MP, cheap to make as a flat PNG.
    const huge = await sharp({ create: { width: 8000, height: 5001, channels: 3, background: "#fff" } }).png({ compressionLevel: 1 }).toBuffer();
    await expectInvalid(processImage(huge), MEDIA_MESSAGES.tooManyPixels);
  });

  it("rejects a damaged image whose magic number looks right", async () => {
    const good = await photo({ width: 300, height: 200 });
    await expectInvalid(processImage(good.subarray(0, 40)), MEDIA_MESSAGES.unreadable);
  });
});

describe("storage", () => {
  const root = mkdtempSync(path.join(tmpdir(), "masthead-media-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("writes <prefix>/<id>/<width>.<ext> and removes it all again", async () => {
    const id = newMediaId();
    expect(id).toMatch(/^[a-z0-9]{24}$/);
    const storageKey = storageKeyFor(id);
    expect(storageKey).toBe(`${id.slice(0, 2)}/${id}`);
    const out = await processImage(await photo({ width: 700, height: 500 }));
    const variants = await storeRenditions({ root, storageKey, renditions: out.renditions });
    expect(readdirSync(path.join(root, storageKey)).sort()).toEqual(["320.avif", "320.webp", "640.avif", "640.jpg", "640.webp"]);
    expect(variants.find((v) => v.format === "jpeg")).toMatchObject({ key: `${storageKey}/640.jpg`, width: 640 });
    await removeStored({ root, storageKey });
    expect(existsSync(path.join(root, storageKey))).toBe(false);
  });
});

describe("resolveMediaPath", () => {
  const root = "/srv/data/media";
  it("maps the names the pipeline writes to files with their content type", () => {
    expect(resolveMediaPath(root, ["ab", "ab12cd34ef56", "640.webp"])).toEqual({ file: "/srv/data/media/ab/ab12cd34ef56/640.webp", contentType: "image/webp" });
    expect(resolveMediaPath(root, ["ab", "ab12cd34ef56", "1600.avif"])?.contentType).toBe("image/avif");
    expect(resolveMediaPath(root, ["ab", "ab12cd34ef56", "1600.jpg"])?.contentType).toBe("image/jpeg");
  });

  it("refuses traversal and anything else", () => {
    for (const segments of [
      ["..", "..", "masthead.db"],
      ["ab", "..", "secret"],
      ["ab", "ab12cd34ef56", "..%2Fsecret"],
      ["ab", "ab12cd34ef56", "../../secret"],
      ["ab", "ab12cd34ef56", ".640.webp"],
      ["ab", "ab12cd34ef56", "640.webp/"],
      ["ab", "ab12cd34ef56", "640.png"],
      ["ab", "ab12cd34ef56", "640.WEBP"],
      ["ab", "ab12cd34ef56", "0640.webp"],
      ["ab", "cd12cd34ef56", "640.webp"],
      ["ab", "ab12cd34ef56"],
      ["ab", "ab12cd34ef56", "640.webp", "x"],
      ["AB", "AB12cd34ef56", "640.webp"],
      ["ab", "ab12cd34ef56", "640.webp\u0000.png"],
    ]) {
      expect(resolveMediaPath(root, segments), segments.join("/")).toBeNull();
    }
  });
});
