// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser } from "@/lib/testing/db";
import { createApiToken, createArticle } from "@/lib/testing/use-cases";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as postTransition } from "@/app/api/v1/articles/[id]/transitions/route";
import { POST as postArticle } from "@/app/api/v1/articles/route";
import { POST as postMedia } from "@/app/api/v1/media/route";
import { findArticleForActor, listArticlesForActor } from "@/lib/data/articles";
import type { Actor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { assertContentType, assertSameOrigin, ownOrigins } from "./same-origin";

const APP = "http://127.0.0.1:3000";
const req = (headers: Record<string, string>, { url = `${APP}/api/v1/articles`, method = "POST" } = {}) => new Request(url, { method, headers });

function refusal(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.code}`;
    throw e;
  }
}

const saved = { public: process.env.MASTHEAD_PUBLIC_URL, nextauth: process.env.NEXTAUTH_URL };
afterEach(() => {
  for (const [key, value] of [["MASTHEAD_PUBLIC_URL", saved.public], ["NEXTAUTH_URL", saved.nextauth]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("assertSameOrigin", () => {
  it("lets the app's own origin through, by URL, by Host and by the configured public URL", () => {
    expect(refusal(() => assertSameOrigin(req({ origin: APP })))).toBeNull();
    expect(refusal(() => assertSameOrigin(req({ origin: "http://localhost:3000", host: "localhost:3000" })))).toBeNull();
    // Behind nginx: Host and the scheme as the proxy reports them.
    expect(refusal(() => assertSameOrigin(req({ origin: "https://news.school.example", host: "news.school.example", "x-forwarded-proto": "https" })))).toBeNull();
    process.env.MASTHEAD_PUBLIC_URL = "https://gazette.example/";
    expect(refusal(() => assertSameOrigin(req({ origin: "https://gazette.example" })))).toBeNull();
  });

  it("refuses another origin with 403, including another port of the same host and the opaque origin", () => {
    for (const origin of ["http://127.0.0.1:3001", "http://evil.example", "https://127.0.0.1:3000", "null", "http://127.0.0.1:3000.evil.example"]) {
      expect(refusal(() => assertSameOrigin(req({ origin, host: "127.0.0.1:3000" }))), origin).toBe("403 CROSS_ORIGIN");
    }
  });

  it("without Origin, trusts Sec-Fetch-Site: same-origin and none pass, same-site and cross-site do not", () => {
    expect(refusal(() => assertSameOrigin(req({ "sec-fetch-site": "same-origin" })))).toBeNull();
    expect(refusal(() => assertSameOrigin(req({ "sec-fetch-site": "none" })))).toBeNull();
    expect(refusal(() => assertSameOrigin(req({ "sec-fetch-site": "same-site" })))).toBe("403 CROSS_ORIGIN");
    expect(refusal(() => assertSameOrigin(req({ "sec-fetch-site": "cross-site" })))).toBe("403 CROSS_ORIGIN");
  });

  it("lets a client that sends neither header through (curl with a cookie jar)", () => {
    expect(refusal(() => assertSameOrigin(req({ "content-type": "application/json" })))).toBeNull();
  });

  it("names the public URL among the app's origins", () => {
    process.env.MASTHEAD_PUBLIC_URL = "https://gazette.example";
    expect([...ownOrigins(req({ host: "127.0.0.1:3000" }))]).toEqual(expect.arrayContaining(["https://gazette.example", APP]));
  });
});

describe("assertContentType", () => {
  it("requires application/json on a JSON route, with or without parameters", () => {
    expect(refusal(() => assertContentType(req({ "content-type": "application/json; charset=utf-8" }), "json"))).toBeNull();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json-patch+json"]) {
      expect(refusal(() => assertContentType(req({ "content-type": type }), "json")), type).toBe("415 UNSUPPORTED_MEDIA_TYPE");
    }
    expect(refusal(() => assertContentType(req({}), "json"))).toBe("415 UNSUPPORTED_MEDIA_TYPE");
  });

  it("requires multipart/form-data on an upload route; DELETE and body-less routes need none", () => {
    expect(refusal(() => assertContentType(req({ "content-type": "multipart/form-data; boundary=x" }), "multipart"))).toBeNull();
    expect(refusal(() => assertContentType(req({ "content-type": "text/plain" }), "multipart"))).toBe("415 UNSUPPORTED_MEDIA_TYPE");
    expect(refusal(() => assertContentType(req({}, { method: "DELETE" }), "json"))).toBeNull();
    expect(refusal(() => assertContentType(req({ "content-type": "text/plain" }), "none"))).toBeNull();
  });
});

describe("apiRoute refuses a cookie request from another origin before reading anything", () => {
  let token: string;
  let articleId: string;
  let adviser: Actor;
  const stateOf = async () => {
    const { status, version } = await findArticleForActor({ id: articleId, actor: adviser });
    return { status, version };
  };
  beforeAll(async () => {
    const user = await createTestUser({ role: "ADVISER" });
    adviser = actorFor(user);
    token = (await createApiToken({ actor: adviser, input: { name: "csrf" } })).token;
    articleId = (await createArticle({ actor: adviser, input: { headline: "CSRF target", body: "<p>Text.</p>" } })).id;
  });
  const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

  it("an auto-submitted text/plain form from another port gets 403, and the story is untouched", async () => {
    const before = await stateOf();
    const forged = new Request(`${APP}/api/v1/articles/${articleId}/transitions`, {
      method: "POST",
      headers: { origin: "http://127.0.0.1:4000", host: "127.0.0.1:3000", "content-type": "text/plain", "sec-fetch-site": "same-site", cookie: "next-auth.session-token=x" },
      body: '{"action":"submit","x":"="}',
    });
    const res = await postTransition(forged, ctx({ id: articleId }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("CROSS_ORIGIN");
    expect(await stateOf()).toEqual(before);
  });

  it("a no-cors fetch creating a story, and a cross-site upload, get 403", async () => {
    const count = (await listArticlesForActor({ actor: adviser, mine: true })).length;
    const res = await postArticle(
      new Request(`${APP}/api/v1/articles`, { method: "POST", headers: { "sec-fetch-site": "cross-site", "content-type": "text/plain" }, body: '{"headline":"Forged"}' }),
      ctx({} as Record<string, never>),
    );
    expect(res.status).toBe(403);
    expect((await listArticlesForActor({ actor: adviser, mine: true })).length).toBe(count);
    const upload = await postMedia(
      new Request(`${APP}/api/v1/media`, { method: "POST", headers: { origin: "http://evil.example" }, body: new FormData() }),
      ctx({} as Record<string, never>),
    );
    expect(upload.status).toBe(403);
  });

  it("a bearer-token request is exempt: no Origin check, no Content-Type requirement", async () => {
    const res = await postTransition(
      new Request(`${APP}/api/v1/articles/${articleId}/transitions`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, origin: "http://127.0.0.1:4000", "content-type": "text/plain" },
        body: JSON.stringify({ action: "submit" }),
      }),
      ctx({ id: articleId }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
