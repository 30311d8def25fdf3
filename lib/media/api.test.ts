// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, type TestUser } from "@/lib/testing/db";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOne, PATCH } from "@/app/api/v1/media/[id]/route";
import { GET as list, POST } from "@/app/api/v1/media/route";
import { GET as serve } from "@/app/media/[...path]/route";
import { db } from "@/lib/data/db";
import { createApiToken } from "@/lib/testing/use-cases";
import { MEDIA_MESSAGES, type TMedia } from "@/lib/validation/media";

/**
 * The Admin API and the file route, called as Next calls them. Bad input is always a 4xx with
 * `{"error":{"code","message","fields"?}}`, never a 500.
 */
let writer: TestUser, writer2: TestUser;
let token: string, token2: string;

beforeAll(async () => {
  [writer, writer2] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "WRITER" })]);
  token = (await createApiToken({ actor: actorFor(writer), input: { name: "media test" } })).token;
  token2 = (await createApiToken({ actor: actorFor(writer2), input: { name: "media test" } })).token;
});

const BASE = "http://localhost/api/v1/media";
const auth = (t: string) => ({ authorization: `Bearer ${t}` });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const noParams = ctx({} as Record<string, never>);

function form(...files: { name: string; data: Uint8Array; type?: string }[]): FormData {
  const f = new FormData();
  for (const file of files) f.append("file", new File([new Uint8Array(file.data)], file.name, { type: file.type ?? "image/jpeg" }));
  return f;
}

async function png() {
  return sharp({ create: { width: 360, height: 240, channels: 3, background: "#aa3300" } }).png().toBuffer();
}

async function uploadOne(t = token): Promise<TMedia> {
  const res = await POST(new Request(BASE, { method: "POST", headers: auth(t), body: form({ name: "shot.png", data: await png() }) }), noParams);
  expect(res.status).toBe(201);
  return ((await res.json()) as { media: TMedia[] }).media[0]!;
}

describe("POST /api/v1/media", () => {
  it("uploads and answers 201 with the media", async () => {
    const res = await POST(new Request(BASE, { method: "POST", headers: auth(token), body: form({ name: "a.txt", data: await png(), type: "text/plain" }) }), noParams);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { media: TMedia[] };
    expect(body.media).toHaveLength(1);
    expect(body.media[0]).toMatchObject({ mimeType: "image/png", originalName: "a.txt", canEdit: true, alt: "" });
  });

  it("rejects a text file with 422 on field file and stores nothing", async () => {
    const before = await db.media.count();
    const res = await POST(new Request(BASE, { method: "POST", headers: auth(token), body: form({ name: "photo.jpg", data: new TextEncoder().encode("just text") }) }), noParams);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: { code: "VALIDATION", message: MEDIA_MESSAGES.notImage, fields: { file: MEDIA_MESSAGES.notImage } } });
    expect(await db.media.count()).toBe(before);
  });

  it("answers 4xx, never 500, to malformed requests", async () => {
    const noFile = new FormData();
    noFile.append("other", "x");
    const cases: [Request, number][] = [
      // (No credentials at all needs Next's request context for the cookie; a bad token is the same 401.)
      [new Request(BASE, { method: "POST", headers: auth("mh_not-a-real-token"), body: form({ name: "a.png", data: await png() }) }), 401],
      [new Request(BASE, { method: "POST", headers: { ...auth(token), "content-type": "application/json" }, body: "{}" }), 400],
      [new Request(BASE, { method: "POST", headers: { ...auth(token), "content-type": "multipart/form-data; boundary=zzz" }, body: "--zzz\r\ncut short" }), 400],
      [new Request(BASE, { method: "POST", headers: auth(token), body: noFile }), 422],
      [new Request(BASE, { method: "POST", headers: { ...auth(token), "content-length": String(500 * 1024 * 1024) }, body: "x" }), 413],
    ];
    for (const [request, status] of cases) {
      const res = await POST(request, noParams);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
  });
});

describe("GET /api/v1/media", () => {
  it("lists and searches; a bad query is 422", async () => {
    const media = await uploadOne();
    const res = await list(new Request(`${BASE}?q=${encodeURIComponent("shot.png")}&limit=200`, { headers: auth(token2) }), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { media: TMedia[] };
    expect(body.media.map((m) => m.id)).toContain(media.id);
    expect(body.media.find((m) => m.id === media.id)?.canEdit).toBe(false);
    expect((await list(new Request(`${BASE}?limit=lots`, { headers: auth(token) }), noParams)).status).toBe(422);
    expect((await list(new Request(`${BASE}?q=${"x".repeat(101)}`, { headers: auth(token) }), noParams)).status).toBe(422);
  });
});

describe("/api/v1/media/:id", () => {
  it("GET answers the image, 404 for unknown or malformed ids", async () => {
    const media = await uploadOne();
    const res = await getOne(new Request(`${BASE}/${media.id}`, { headers: auth(token2) }), ctx({ id: media.id }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { media: TMedia }).media.id).toBe(media.id);
    for (const id of ["nosuchimage", "../etc", ""]) {
      expect((await getOne(new Request(`${BASE}/x`, { headers: auth(token) }), ctx({ id }))).status).toBe(404);
    }
  });

  it("PATCH: the uploader may, another writer gets 403, bad bodies get 400/422", async () => {
    const media = await uploadOne();
    const patch = (t: string, body: string, id = media.id) =>
      PATCH(new Request(`${BASE}/${id}`, { method: "PATCH", headers: { ...auth(t), "content-type": "application/json" }, body }), ctx({ id }));
    const ok = await patch(token, JSON.stringify({ alt: "A red square", credit: "Test" }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { media: TMedia }).media).toMatchObject({ alt: "A red square", credit: "Test" });
    expect((await patch(token2, JSON.stringify({ alt: "mine now" }))).status).toBe(403);
    expect((await patch(token, "{not json")).status).toBe(400);
    expect((await patch(token, "[1,2]")).status).toBe(400);
    const bad = await patch(token, JSON.stringify({ alt: 5 }));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("alt");
    expect((await patch(token, JSON.stringify({ alt: "x".repeat(501) }))).status).toBe(422);
    expect((await patch(token, JSON.stringify({ alt: "x" }), "nosuchimage")).status).toBe(404);
  });
});

describe("GET /media/…", () => {
  it("serves renditions with their type and a long immutable cache, 404 for anything else", async () => {
    const media = await uploadOne();
    const segments = media.urls.src.replace(/^\/media\//, "").split("/");
    const res = await serve(new Request(`http://localhost${media.urls.src}`), ctx({ path: segments }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect((await sharp(bytes).metadata()).format).toBe("jpeg");
    const etag = res.headers.get("etag")!;
    expect((await serve(new Request(`http://localhost${media.urls.src}`, { headers: { "if-none-match": etag } }), ctx({ path: segments }))).status).toBe(304);

    const avif = media.urls.srcSetAvif.split(" ")[0]!.replace(/^\/media\//, "").split("/");
    expect((await serve(new Request("http://localhost/"), ctx({ path: avif }))).headers.get("content-type")).toBe("image/avif");

    for (const path of [["..", "..", "masthead.db"], [segments[0]!, segments[1]!, "9999.jpg"], [segments[0]!, "..", "secret"], ["secret"], [segments[0]!, segments[1]!, "320.png"]]) {
      expect((await serve(new Request("http://localhost/"), ctx({ path }))).status, path.join("/")).toBe(404);
    }
  });
});
