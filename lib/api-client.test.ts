/**
 * The API client against a real HTTP server on 127.0.0.1 that answers in the shapes the
 * Admin API sends (lib/api/handler.ts `errorResponse`). Nothing is mocked: fetch, sockets and
 * multipart bodies are the real ones.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient, readMediaUpload, staleSave, toApiResult, type ApiClient } from "./api-client";

const CURRENT = { headline: "Council votes", dek: "", body: "<p>Theirs</p>", text: "Theirs", savedBy: "Ada Editor", updatedAt: "2026-03-01T09:30:00.000Z" };

type Seen = { method: string; url: string; contentType: string; body: string };
const seen: Seen[] = [];

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** The routes the editor calls, reduced to the answers that matter to the client. */
function answer(req: IncomingMessage, res: ServerResponse, body: string) {
  const url = new URL(req.url ?? "/", "http://x");
  const route = `${req.method} ${url.pathname}`;
  if (route === "PATCH /api/v1/articles/a1") {
    const input = JSON.parse(body) as { version: number; headline?: string };
    if (input.headline === "") return send(res, 422, { error: { code: "VALIDATION", message: "Write a headline.", fields: { headline: "Write a headline." } } });
    if (input.version < 3) {
      return send(res, 409, { error: { code: "CONFLICT", message: "Someone saved a newer version of this story. Nothing was overwritten.", currentVersion: 3, current: CURRENT } });
    }
    return send(res, 200, { article: { id: "a1", slug: "council-votes", version: 4, updatedAt: "2026-03-01T09:31:00.000Z", headline: input.headline } });
  }
  if (route === "PATCH /api/v1/articles/locked") return send(res, 409, { error: { code: "CONFLICT", message: "The story changed state while you were looking at it." } });
  if (route === "PATCH /api/v1/articles/down") return res.writeHead(502, { "content-type": "text/html" }).end("<html><body>502 Bad Gateway</body></html>");
  if (route === "PATCH /api/v1/articles/reset") return req.socket.destroy();
  if (route === "PATCH /api/v1/articles/odd") return send(res, 200, { story: {} });
  if (route === "POST /api/v1/articles/a1/presence") return send(res, 200, { editors: ["Ada Editor"] });
  if (route === "DELETE /api/v1/articles/a1/presence") return res.writeHead(204).end();
  if (route === "POST /api/v1/articles/gone/presence") return send(res, 404, { error: { code: "NOT_FOUND", message: "That story was not found." } });
  if (route === "POST /api/v1/import") {
    if (!body.includes('filename="story.docx"')) return send(res, 422, { error: { code: "VALIDATION", message: "Choose a .docx file.", fields: { file: "Choose a .docx file." } } });
    return send(res, 200, { importId: null, body: "<p>Imported</p>", images: [], failedImages: [], warnings: [] });
  }
  if (route === "DELETE /api/v1/import/imp1/images/image-1") return res.writeHead(204).end();
  if (route === "GET /api/v1/media" && url.searchParams.get("q") === "slow") return; // never answers: the caller aborts
  if (route === "GET /api/v1/media") return send(res, 200, { media: [{ id: "m1", alt: url.searchParams.get("q") ?? "" }] });
  if (route === "POST /api/v1/articles/a1/comments") return send(res, 201, { comment: {}, comments: [{ id: "c1" }] });
  if (route === "POST /api/v1/articles/a1/comments/c1/resolve") return send(res, 429, { error: { code: "RATE_LIMITED", message: "Slow down.", retryAfter: 30 } });
  send(res, 404, { error: { code: "NOT_FOUND", message: "Not found." } });
}

let server: Server;
let client: ApiClient;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method ?? "", url: req.url ?? "", contentType: req.headers["content-type"] ?? "", body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createApiClient({ baseUrl });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("saveArticle", () => {
  it("sends the edit as JSON and answers the saved version", async () => {
    const result = await client.saveArticle("a1", { headline: "Council votes", version: 3 });
    expect(result).toEqual({ ok: true, status: 200, data: expect.objectContaining({ id: "a1", version: 4, updatedAt: "2026-03-01T09:31:00.000Z" }) });
    const last = seen.at(-1)!;
    expect(last.contentType).toBe("application/json");
    expect(JSON.parse(last.body)).toEqual({ headline: "Council votes", version: 3 });
  });

  it("keeps a 409's details and recognises a stale save", async () => {
    const result = await client.saveArticle("a1", { headline: "Mine", version: 2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(409);
    expect(result.error).toMatchObject({ code: "CONFLICT", currentVersion: 3, current: CURRENT });
    expect(staleSave(result.error)).toEqual({ currentVersion: 3, current: CURRENT });
  });

  it("does not take a 409 without the current story for a stale save", async () => {
    const result = await client.saveArticle("locked", { version: 1 });
    expect(result).toMatchObject({ ok: false, status: 409, error: { code: "CONFLICT", message: "The story changed state while you were looking at it." } });
    if (!result.ok) expect(staleSave(result.error)).toBeNull();
  });

  it("passes a 422's field messages on", async () => {
    const result = await client.saveArticle("a1", { headline: "", version: 3 });
    expect(result).toEqual({ ok: false, status: 422, error: { code: "VALIDATION", message: "Write a headline.", fields: { headline: "Write a headline." } } });
  });

  it("turns a proxy's HTML 502 into BAD_RESPONSE with the status", async () => {
    const result = await client.saveArticle("down", { version: 1 });
    expect(result).toEqual({ ok: false, status: 502, error: { code: "BAD_RESPONSE", message: "The server answered 502." } });
  });

  it("refuses a 200 that is not the expected shape", async () => {
    const result = await client.saveArticle("odd", { version: 1 });
    expect(result).toMatchObject({ ok: false, status: 200, error: { code: "BAD_RESPONSE" } });
  });

  it("answers NETWORK with status 0 when the connection drops", async () => {
    const result = await client.saveArticle("reset", { version: 1 });
    expect(result).toMatchObject({ ok: false, status: 0, error: { code: "NETWORK" } });
  });

  it("answers NETWORK when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await createApiClient({ baseUrl: `http://127.0.0.1:${port}` }).saveArticle("a1", { version: 3 });
    expect(result).toEqual({ ok: false, status: 0, error: { code: "NETWORK", message: "Could not reach the server." } });
  });
});

describe("presence", () => {
  it("answers the other editors' names", async () => {
    expect(await client.touchPresence("a1")).toEqual({ ok: true, status: 200, data: ["Ada Editor"] });
  });

  it("leaves with an empty 204", async () => {
    expect(await client.leavePresence("a1")).toEqual({ ok: true, status: 204, data: undefined });
    expect(seen.at(-1)).toMatchObject({ method: "DELETE", url: "/api/v1/articles/a1/presence" });
  });

  it("reports a hidden story as NOT_FOUND", async () => {
    expect(await client.touchPresence("gone")).toEqual({ ok: false, status: 404, error: { code: "NOT_FOUND", message: "That story was not found." } });
  });
});

describe("docx import", () => {
  it("uploads the file as multipart with the story id", async () => {
    const file = new File([new Uint8Array([80, 75, 3, 4])], "story.docx", { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    const result = await client.importDocx(file, "a1");
    expect(result).toEqual({ ok: true, status: 200, data: { importId: null, body: "<p>Imported</p>", images: [], failedImages: [], warnings: [] } });
    const last = seen.at(-1)!;
    expect(last.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(last.body).toContain('name="articleId"');
  });

  it("passes the server's field message for a missing file", async () => {
    const result = await client.importDocx(new File(["x"], "notes.txt"), null);
    expect(result).toMatchObject({ ok: false, status: 422, error: { fields: { file: "Choose a .docx file." } } });
    expect(seen.at(-1)!.body).not.toContain('name="articleId"');
  });

  it("skips an imported photo", async () => {
    expect(await client.skipImportedImage("imp1", "image-1")).toEqual({ ok: true, status: 204, data: undefined });
  });
});

describe("media and comments", () => {
  it("searches the library", async () => {
    const result = await client.listMedia({ q: "fire", limit: 120 });
    expect(result).toEqual({ ok: true, status: 200, data: [{ id: "m1", alt: "fire" }] });
    expect(seen.at(-1)!.url).toBe("/api/v1/media?q=fire&limit=120");
  });

  it("answers ABORTED when the caller gives up", async () => {
    const controller = new AbortController();
    const pending = client.listMedia({ q: "slow" }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({ ok: false, status: 0, error: { code: "ABORTED", message: "The request was cancelled." } });
  });

  it("answers a comment with the thread list", async () => {
    expect(await client.addComment("a1", { body: "Source?", kind: "COACHING" })).toEqual({ ok: true, status: 201, data: [{ id: "c1" }] });
  });

  it("keeps extra details such as retryAfter", async () => {
    const result = await client.resolveComment("a1", "c1", true);
    expect(result).toEqual({ ok: false, status: 429, error: { code: "RATE_LIMITED", message: "Slow down.", retryAfter: 30 } });
  });
});

describe("toApiResult (for XMLHttpRequest callers)", () => {
  const isMedia = (b: unknown): b is { media: unknown[] } => typeof b === "object" && b !== null && Array.isArray((b as { media?: unknown }).media);

  it("reads a success", () => {
    expect(toApiResult(201, '{"media":[]}', isMedia)).toEqual({ ok: true, status: 201, data: { media: [] } });
  });

  it("maps an unknown code to INTERNAL and drops malformed fields", () => {
    expect(toApiResult(500, '{"error":{"code":"WEIRD","message":"Oops","fields":{"a":1}}}', isMedia)).toEqual({ ok: false, status: 500, error: { code: "INTERNAL", message: "Oops" } });
  });

  it("treats an error body without a message as BAD_RESPONSE", () => {
    expect(toApiResult(413, '{"detail":"too big"}', isMedia)).toEqual({ ok: false, status: 413, error: { code: "BAD_RESPONSE", message: "The server answered 413." } });
    expect(toApiResult(413, "", isMedia)).toEqual({ ok: false, status: 413, error: { code: "BAD_RESPONSE", message: "The server answered 413." } });
  });

  it("reads the uploader's answer: the first image, or the file field's message", () => {
    expect(readMediaUpload(201, '{"media":[{"id":"m1"}]}')).toEqual({ ok: true, status: 201, data: { id: "m1" } });
    expect(readMediaUpload(201, '{"media":[]}')).toMatchObject({ ok: false, status: 201, error: { code: "BAD_RESPONSE" } });
    const refused = readMediaUpload(422, JSON.stringify({ error: { code: "VALIDATION", message: "Choose an image to upload.", fields: { file: "Choose an image to upload." } } }));
    expect(refused).toEqual({ ok: false, status: 422, error: { code: "VALIDATION", message: "Choose an image to upload.", fields: { file: "Choose an image to upload." } } });
  });
});
