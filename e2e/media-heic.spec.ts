import { craftGridHeic, fixture } from "../lib/media/fixtures/craft-heic";
import { MEDIA_MESSAGES } from "../lib/validation/media";
import { expect, test, uploadMedia } from "./fixtures";

// HEIC photos through the built server (next build + scripts/serve.ts): the decoder's worker
// thread must load from the production bundle, and a decode must not hold up other requests.

test("an iPhone-sized HEIC uploads and converts in the worker while the server keeps answering", async ({ apiAs, anonymousApi, uid }) => {
  const writer = await apiAs("writer");
  const small = await uploadMedia(writer, { name: `IMG-${uid}.HEIC`, mimeType: "image/heic", buffer: fixture("photo-3mp.heic") });
  const rendition = await anonymousApi.get(small.urls.src);
  expect(rendition.status()).toBe(200);

  // A 12 MP photo: /api/health answers promptly all through its conversion.
  let done = false;
  const upload = uploadMedia(writer, { name: `IMG-12-${uid}.HEIC`, mimeType: "image/heic", buffer: fixture("photo-12mp.heic") }).finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const sent = Date.now();
    expect((await anonymousApi.get("/api/health")).ok()).toBe(true);
    latencies.push(Date.now() - sent);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await upload;
  expect(latencies.length).toBeGreaterThan(3);
  expect(Math.max(...latencies)).toBeLessThan(1000);
});

test("a crafted HEIC (51 MP grid behind a 1.1 MB free box) is refused at once", async ({ apiAs, uid }) => {
  const writer = await apiAs("writer");
  const crafted = craftGridHeic(fixture("photo-12mp.heic"), { rows: 2, columns: 2, outputWidth: 8256, outputHeight: 6192, freeBytes: 1_100_000 });
  const started = Date.now();
  const res = await writer.post("/api/v1/media", { multipart: { file: { name: `crafted-${uid}.heic`, mimeType: "image/heic", buffer: crafted } } });
  expect(res.status()).toBe(422);
  expect(await res.text()).toContain(MEDIA_MESSAGES.tooManyPixels);
  expect(Date.now() - started).toBeLessThan(3000);
});
