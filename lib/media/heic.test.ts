import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectInvalid } from "./expect-invalid";
import { MEDIA_MESSAGES } from "@/lib/validation/media";
import { craftGridHeic, fixture } from "./fixtures/craft-heic";
import { decodeHeicInWorker, HEIC_CONCURRENCY, HeicDecodeError, heicDecodeStats } from "./heic-decoder";
import { processImage } from "./process";


/** A stand-in decoder that only counts: the tests that use it expect it never to run. */
function countingDecoder() {
  const calls = { count: 0 };
  return { calls, decodeHeic: async () => (calls.count++, Buffer.alloc(0)) };
}

describe("HEIC: sizes are checked before any decode", () => {
  it("refuses a crafted 51 MP tile grid behind a 1.1 MB free box at once, without decoding", async () => {
    // The iPhone layout (a grid of HEVC tiles), rebuilt from a real photo: its sizes sit past the first megabyte.
    const crafted = craftGridHeic(fixture("photo-12mp.heic"), { rows: 2, columns: 2, outputWidth: 8256, outputHeight: 6192, freeBytes: 1_100_000 });
    expect(crafted.indexOf("ispe")).toBeGreaterThan(1024 * 1024);
    const { calls, decodeHeic } = countingDecoder();
    const started = Date.now();
    await expectInvalid(processImage(crafted, { decodeHeic }), MEDIA_MESSAGES.tooManyPixels);
    expect(calls.count).toBe(0);
    // And with the real decoder: no worker is started, and the answer is immediate.
    const workers = heicDecodeStats.started;
    await expectInvalid(processImage(crafted), MEDIA_MESSAGES.tooManyPixels);
    expect(heicDecodeStats.started).toBe(workers);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("refuses a HEIC that does not declare its sizes, without decoding", async () => {
    const { calls, decodeHeic } = countingDecoder();
    const noGridSize = craftGridHeic(fixture("photo-3mp.heic"), { gridIspe: null, freeBytes: 1_100_000 });
    await expectInvalid(processImage(noGridSize, { decodeHeic }), MEDIA_MESSAGES.heicNoSize);
    // A brand that says HEIC and nothing else.
    const ftypOnly = Buffer.concat([fixture("photo-3mp.heic").subarray(0, 28), Buffer.alloc(64)]);
    await expectInvalid(processImage(ftypOnly, { decodeHeic }), MEDIA_MESSAGES.heicNoSize);
    expect(calls.count).toBe(0);
  });
});

describe("HEIC: decoding in a worker thread", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_request, response) => response.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("decodes a real HEIC, then the same pipeline: upright, every size, no metadata left", async () => {
    const before = heicDecodeStats.started;
    const out = await processImage(fixture("photo-3mp.heic"));
    expect(heicDecodeStats.started).toBe(before + 1);
    expect(out).toMatchObject({ kind: "heic", mimeType: "image/heic", width: 2016, height: 1512 });
    expect(out.renditions.map((r) => r.file).sort()).toEqual(["1024.avif", "1024.webp", "1600.avif", "1600.jpg", "1600.webp", "320.avif", "320.webp", "640.avif", "640.webp"]);
    for (const r of out.renditions) {
      expect((await sharp(r.data).metadata()).exif).toBeUndefined();
      expect(r.data.toString("latin1")).not.toContain("SpyCam");
    }
    // The blue quarter is top-left, as in the photo.
    const jpeg = out.renditions.find((r) => r.format === "jpeg")!;
    const { data, info } = await sharp(jpeg.data).raw().toBuffer({ resolveWithObject: true });
    const blue = (x: number, y: number) => data[(y * info.width + x) * info.channels + 2]!;
    expect(blue(20, 20)).toBeGreaterThan(200);
    expect(blue(info.width - 20, info.height - 20)).toBeLessThan(200);
  });

  /** Until `until` settles: the longest gap between 10 ms ticks, and the slowest of repeated HTTP requests to a server on this loop. */
  async function responsiveness(until: Promise<unknown>) {
    let settled = false;
    void until.finally(() => (settled = true)).catch(() => undefined);
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    const latencies: number[] = [];
    try {
      while (!settled) {
        const sent = performance.now();
        await (await fetch(url)).text();
        latencies.push(performance.now() - sent);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      clearInterval(ticker);
    }
    return { longestGap, slowest: Math.max(...latencies), samples: latencies.length };
  }

  it("keeps the event loop answering while a real 12 MP HEIC decodes", async () => {
    // The machine's own noise first (the CI box is shared): the same probes for 1.5 s, no decode.
    const idle = await responsiveness(new Promise((resolve) => setTimeout(resolve, 1500)));
    const decoding = processImage(fixture("photo-12mp.heic"));
    const busy = await responsiveness(decoding);
    const out = await decoding;
    expect([out.width, out.height]).toEqual([4032, 3024]);
    expect(busy.samples).toBeGreaterThan(5);
    // Decoding on the main thread stalls both for the whole decode (~2 s on an idle machine, far
    // more on a loaded one); a worker leaves only the machine's own noise, which on a shared
    // 2-core box doubles while the decode takes one core.
    expect(busy.slowest, `idle: ${idle.slowest.toFixed(0)} ms`).toBeLessThan(400 + 2 * idle.slowest);
    expect(busy.longestGap, `idle: ${idle.longestGap.toFixed(0)} ms`).toBeLessThan(400 + 2 * idle.longestGap);
    // A 12 MP decode is ~2 s alone, over 20 s on a loaded CI machine.
  }, 120_000);

  it("ends a decode that runs past its time limit, with a clear message", async () => {
    const started = Date.now();
    const slow = (input: Uint8Array) => decodeHeicInWorker(input, { timeoutMs: 50 });
    await expectInvalid(processImage(fixture("photo-12mp.heic"), { decodeHeic: slow }), MEDIA_MESSAGES.heicTooSlow);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(heicDecodeStats.running).toBe(0);
    await expect(decodeHeicInWorker(fixture("photo-3mp.heic"), { timeoutMs: 20 })).rejects.toBeInstanceOf(HeicDecodeError);
  });

  it("gives a clear error when the worker cannot decode a HEIC", async () => {
    // Sizes are declared, but the HEVC decoder configuration box is renamed to an unknown
    // four-character type, so libheif finds no hvcC and cannot decode.
    const broken = fixture("photo-3mp.heic");
    broken.write("zzzz", broken.indexOf("hvcC"), "latin1");
    await expectInvalid(processImage(broken), MEDIA_MESSAGES.heicUnreadable);
    expect(heicDecodeStats.running).toBe(0);
  });

  it(`runs at most ${HEIC_CONCURRENCY} decode(s) at once; the rest wait their turn`, async () => {
    let mostRunning = 0;
    let mostWaiting = 0;
    const watch = setInterval(() => {
      mostRunning = Math.max(mostRunning, heicDecodeStats.running);
      mostWaiting = Math.max(mostWaiting, heicDecodeStats.waiting);
    }, 5);
    try {
      const photo = fixture("photo-3mp.heic");
      const results = await Promise.all([1, 2, 3].map(() => decodeHeicInWorker(photo)));
      for (const jpeg of results) expect((await sharp(jpeg).metadata()).width).toBe(2016);
    } finally {
      clearInterval(watch);
    }
    expect(mostRunning).toBe(HEIC_CONCURRENCY);
    expect(mostWaiting).toBe(3 - HEIC_CONCURRENCY);
  });
});
