// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser } from "@/lib/testing/db";
import { createApiToken, createArticle } from "@/lib/testing/use-cases";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchArticle } from "@/app/api/v1/articles/[id]/route";
import { POST as postTransition } from "@/app/api/v1/articles/[id]/transitions/route";
import { GET as listArticles, POST as postArticle } from "@/app/api/v1/articles/route";
import { POST as postImport } from "@/app/api/v1/import/route";
import { POST as postMedia } from "@/app/api/v1/media/route";
import type { Actor } from "@/lib/auth/policy";
import { listMedia } from "@/lib/data/media";
import { MAX_DOCX_BYTES } from "@/lib/validation/docx-import";
import { MAX_UPLOAD_BYTES } from "@/lib/validation/media";

/**
 * Request bodies through the real route handlers, as Node hands them to Next: a chunked upload
 * has no Content-Length, so only counting while it streams can stop it. Every stream here counts
 * the bytes the server pulled from it.
 */
const CHUNK = 64 * 1024;
const JSON_LIMIT = 1024 * 1024;
const MEDIA_LIMIT = 3 * MAX_UPLOAD_BYTES + 1024 * 1024;
const IMPORT_LIMIT = MAX_DOCX_BYTES + 1024 * 1024;

let token: string;
let articleId: string;
let writer: Actor;
beforeAll(async () => {
  writer = actorFor(await createTestUser({ role: "WRITER" }));
  token = (await createApiToken({ actor: writer, input: { name: "body limits" } })).token;
  articleId = (await createArticle({ actor: writer, input: { headline: "Body limits", body: "<p>Text.</p>" } })).id;
});

/** A body of `total` bytes (`fill`, then zeros) produced on demand, with a count of what was pulled. */
function countedStream(total: number, fill: Uint8Array = new Uint8Array(0)) {
  const counter = { pulled: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        const size = Math.min(CHUNK, total - sent);
        const chunk = new Uint8Array(size);
        if (sent < fill.length) chunk.set(fill.subarray(sent, sent + size));
        sent += size;
        counter.pulled += size;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

function chunkedRequest(url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string>, method = "POST") {
  return new Request(url, { method, headers: { authorization: `Bearer ${token}`, ...headers }, body: stream, duplex: "half" } as RequestInit);
}

const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const noParams = ctx({} as Record<string, never>);
const MULTIPART = { "content-type": "multipart/form-data; boundary=xyz" };
const JSON_TYPE = { "content-type": "application/json" };

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("PAYLOAD_TOO_LARGE");
  expect(body.error.message).toMatch(/too large|over/);
}

describe("a chunked body past the limit is refused with 413 as it passes the limit", () => {
  it("POST /api/v1/articles (JSON, 1 MB): 5 MB streamed, at most the limit and a chunk pulled", async () => {
    const { stream, counter } = countedStream(5 * 1024 * 1024, new TextEncoder().encode('{"headline":"'));
    await expectTooLarge(await postArticle(chunkedRequest("http://localhost/api/v1/articles", stream, JSON_TYPE), noParams));
    expect(counter.pulled).toBeLessThanOrEqual(JSON_LIMIT + 2 * CHUNK);
  });

  it("PATCH /api/v1/articles/:id and POST …/transitions read through the same bounded reader", async () => {
    for (const [handler, method, url] of [
      [patchArticle, "PATCH", `http://localhost/api/v1/articles/${articleId}`],
      [postTransition, "POST", `http://localhost/api/v1/articles/${articleId}/transitions`],
    ] as const) {
      const { stream, counter } = countedStream(4 * 1024 * 1024);
      await expectTooLarge(await handler(chunkedRequest(url, stream, JSON_TYPE, method), ctx({ id: articleId })));
      expect(counter.pulled).toBeLessThanOrEqual(JSON_LIMIT + 2 * CHUNK);
    }
  });

  it("POST /api/v1/media (multipart, 61 MB): 200 MB streamed, stopped at the limit, nothing stored", async () => {
    // The writer is new: the images they may edit are the ones they uploaded.
    const mine = async () => (await listMedia({ actor: writer, query: { limit: 500 } })).filter((m) => m.canEdit).length;
    const before = await mine();
    const { stream, counter } = countedStream(200 * 1024 * 1024);
    const res = await postMedia(chunkedRequest("http://localhost/api/v1/media", stream, MULTIPART), noParams);
    await expectTooLarge(res.clone());
    expect(((await res.json()) as { error: { fields?: Record<string, string> } }).error.fields?.file).toMatch(/20 MB/);
    expect(counter.pulled).toBeLessThanOrEqual(MEDIA_LIMIT + 2 * CHUNK);
    expect(await mine()).toBe(before);
  });

  it("POST /api/v1/import (multipart, 11 MB): 100 MB streamed, stopped at the limit", async () => {
    const { stream, counter } = countedStream(100 * 1024 * 1024);
    await expectTooLarge(await postImport(chunkedRequest("http://localhost/api/v1/import", stream, MULTIPART), noParams));
    expect(counter.pulled).toBeLessThanOrEqual(IMPORT_LIMIT + 2 * CHUNK);
  });
});

describe("a declared Content-Length over the limit is refused before any byte is read", () => {
  it.each([
    ["POST /api/v1/articles", () => postArticle, "http://localhost/api/v1/articles", JSON_TYPE, JSON_LIMIT],
    ["POST /api/v1/media", () => postMedia, "http://localhost/api/v1/media", MULTIPART, MEDIA_LIMIT],
    ["POST /api/v1/import", () => postImport, "http://localhost/api/v1/import", MULTIPART, IMPORT_LIMIT],
  ] as const)("%s", async (_name, handler, url, type, limit) => {
    const { stream, counter } = countedStream(limit + 1);
    const res = await handler()(chunkedRequest(url, stream, { ...type, "content-length": String(limit + 1) }), noParams);
    await expectTooLarge(res);
    expect(counter.pulled).toBe(0);
  });
});

describe("bodies under the limit still work when streamed without a length", () => {
  it("a chunked multipart upload of a real PNG is stored (201)", async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#225588" } }).png().toBuffer();
    const form = new FormData();
    form.append("file", new File([new Uint8Array(png)], "chunked.png", { type: "image/png" }));
    const encoded = new Response(form);
    const type = encoded.headers.get("content-type")!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const { stream } = countedStream(bytes.length, bytes);
    const res = await postMedia(chunkedRequest("http://localhost/api/v1/media", stream, { "content-type": type }), noParams);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("a chunked JSON story is created, and the answer is not cacheable", async () => {
    const json = new TextEncoder().encode(JSON.stringify({ headline: "Streamed in", body: "<p>Chunk by chunk.</p>" }));
    const { stream } = countedStream(json.length, json);
    const res = await postArticle(chunkedRequest("http://localhost/api/v1/articles", stream, JSON_TYPE), noParams);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("successful answers are Cache-Control: no-store", () => {
  it("GET /api/v1/articles", async () => {
    const res = await listArticles(new Request("http://localhost/api/v1/articles", { headers: { authorization: `Bearer ${token}` } }), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
