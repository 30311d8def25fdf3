import { describe, expect, it } from "vitest";
import { craftGridHeic, fixture } from "./fixtures/craft-heic";
import { readHeifSizes } from "./heif-boxes";

describe("readHeifSizes", () => {
  it("reads the primary image's ispe from a real HEIC", () => {
    expect(readHeifSizes(fixture("photo-12mp.heic"))).toEqual({ ok: true, width: 4032, height: 3024, decodedPixels: 4032 * 3024 });
    expect(readHeifSizes(fixture("photo-3mp.heic"))).toEqual({ ok: true, width: 2016, height: 1512, decodedPixels: 2016 * 1512 });
  });

  it("reads a grid's output size and counts every tile the decoder makes", () => {
    const grid = craftGridHeic(fixture("photo-3mp.heic"), { rows: 2, columns: 3, outputWidth: 6000, outputHeight: 3000 });
    expect(readHeifSizes(grid)).toEqual({ ok: true, width: 6000, height: 3000, decodedPixels: 6 * 2016 * 1512 });
  });

  it("reads a meta box that sits behind a 1.1 MB free box (the whole box chain, not the first MB)", () => {
    const crafted = craftGridHeic(fixture("photo-12mp.heic"), { rows: 2, columns: 2, outputWidth: 8256, outputHeight: 6192, freeBytes: 1_100_000 });
    expect(crafted.indexOf("ispe")).toBeGreaterThan(1024 * 1024);
    expect(readHeifSizes(crafted)).toMatchObject({ ok: true, width: 8256, height: 6192, decodedPixels: 8256 * 6192 });
  });

  it("ignores bytes that only look like an ispe box", () => {
    // "ispe" and a huge size inside the free box: not a property of any item, so it counts for nothing.
    const crafted = craftGridHeic(fixture("photo-3mp.heic"), { freeBytes: 64 });
    const at = crafted.indexOf("free") + 8;
    crafted.write("ispe", at + 4, "latin1");
    crafted.writeUInt32BE(100_000, at + 12);
    crafted.writeUInt32BE(100_000, at + 16);
    expect(readHeifSizes(crafted)).toMatchObject({ ok: true, width: 2016, height: 1512 });
  });

  it("says missing when an image item has no ispe, or a grid no grid data or too few tiles", () => {
    expect(readHeifSizes(craftGridHeic(fixture("photo-3mp.heic"), { gridIspe: null }))).toEqual({ ok: false, reason: "missing" });
    const noGridData = craftGridHeic(fixture("photo-3mp.heic"));
    // Rename the idat box: the grid item's ImageGrid has nowhere to come from.
    noGridData.write("skip", noGridData.indexOf("idat"), "latin1");
    expect(readHeifSizes(noGridData)).toEqual({ ok: false, reason: "missing" });
    const noMeta = fixture("photo-3mp.heic");
    noMeta.write("free", noMeta.indexOf("meta"), "latin1");
    expect(readHeifSizes(noMeta)).toEqual({ ok: false, reason: "missing" });
  });

  it("says malformed for broken box sizes and tiles that do not fit the grid", () => {
    const real = fixture("photo-3mp.heic");
    expect(readHeifSizes(real.subarray(0, 500))).toEqual({ ok: false, reason: "malformed" });
    const huge = Buffer.from(real);
    huge.writeUInt32BE(0xfffffff0, huge.indexOf("meta") - 4);
    expect(readHeifSizes(huge)).toEqual({ ok: false, reason: "malformed" });
    // 3 columns of 2016-wide tiles for a 4000-wide output: a whole spare column.
    expect(readHeifSizes(craftGridHeic(real, { rows: 1, columns: 3, outputWidth: 4000, outputHeight: 1512 }))).toEqual({ ok: false, reason: "malformed" });
  });
});
