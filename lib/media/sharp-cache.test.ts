import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "./process";

describe("the image pipeline's memory", () => {
  it("keeps no libvips operation cache once the pipeline is loaded, even after an image", async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#369" } }).png().toBuffer();
    const processed = await processImage(png);
    expect(processed.renditions.length).toBeGreaterThan(0);
    const stats = sharp.cache();
    expect(stats.memory.max).toBe(0);
    expect(stats.items.max).toBe(0);
    expect(stats.memory.current).toBe(0);
  });

  it("gives each libvips operation one thread, so an upload leaves a core to the readers", async () => {
    const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: "#963" } }).png().toBuffer();
    await processImage(png);
    expect(sharp.concurrency()).toBe(1);
  });
});
