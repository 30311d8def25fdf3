import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { capSharedMaxAge, PageCache, shareableFor } from "./page-cache";

type Reply = { status?: number; headers?: OutgoingHttpHeaders; body?: string; viaWriteHead?: boolean; chunks?: string[] };

/** A real HTTP server whose "upstream" counts calls and answers what the test says. */
async function serve(cache: PageCache, reply: (req: IncomingMessage) => Reply | Promise<Reply>) {
  let calls = 0;
  const upstream = async (req: IncomingMessage, res: ServerResponse) => {
    calls++;
    const r = await reply(req);
    const headers = { "content-type": "text/html", ...r.headers };
    if (r.viaWriteHead) res.writeHead(r.status ?? 200, headers);
    else {
      res.statusCode = r.status ?? 200;
      for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
    }
    for (const c of r.chunks ?? []) res.write(c);
    res.end(r.body ?? "");
  };
  const server = createServer((req, res) => void cache.handle(req, res, upstream));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    calls: () => calls,
    get: (path: string, init: RequestInit = {}) => fetch(base + path, init),
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const PUBLIC = { "cache-control": "s-maxage=3, stale-while-revalidate=31535997" };

describe("the page cache", () => {
  it("answers a repeat of a shareable page from memory, bytes and headers intact", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const s = await serve(cache, () => ({ headers: { ...PUBLIC, "x-frame-options": "DENY" }, chunks: ["<p>Aleppo", " — "], body: "Pixabay</p>" }));
    const first = await s.get("/articles/aleppo");
    expect(first.headers.get("x-masthead-cache")).toBe("MISS");
    expect(await first.text()).toBe("<p>Aleppo — Pixabay</p>");
    const second = await s.get("/articles/aleppo");
    expect(second.headers.get("x-masthead-cache")).toBe("HIT");
    expect(await second.text()).toBe("<p>Aleppo — Pixabay</p>");
    expect(second.headers.get("x-frame-options")).toBe("DENY");
    expect(second.headers.get("cache-control")).toBe(PUBLIC["cache-control"]);
    expect(second.headers.get("content-length")).toBe(String(Buffer.byteLength("<p>Aleppo — Pixabay</p>")));
    expect(second.headers.get("age")).toMatch(/^\d+$/);
    expect(s.calls()).toBe(1);
    expect(cache.hits).toBe(1);
  });

  it("keeps https and http copies apart (only the https one carries HSTS)", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const s = await serve(cache, (req) => ({
      headers: { ...PUBLIC, ...(req.headers["x-forwarded-proto"] === "https" ? { "strict-transport-security": "max-age=63072000" } : {}) },
      body: "front page",
    }));
    const https = { headers: { "x-forwarded-proto": "https" } };
    expect((await s.get("/")).headers.get("strict-transport-security")).toBeNull();
    expect((await s.get("/", https)).headers.get("strict-transport-security")).toBe("max-age=63072000");
    const again = await s.get("/", https);
    expect(again.headers.get("x-masthead-cache")).toBe("HIT");
    expect(again.headers.get("strict-transport-security")).toBe("max-age=63072000");
    expect((await s.get("/")).headers.get("strict-transport-security")).toBeNull();
    expect(s.calls()).toBe(2);
  });

  it("keeps headers given straight to writeHead", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const s = await serve(cache, () => ({ headers: PUBLIC, body: "front page", viaWriteHead: true }));
    await (await s.get("/")).text();
    const hit = await s.get("/");
    expect(hit.headers.get("x-masthead-cache")).toBe("HIT");
    expect(hit.headers.get("cache-control")).toBe(PUBLIC["cache-control"]);
    expect(hit.headers.get("content-type")).toBe("text/html");
  });

  it.each([
    ["private", { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" }, 200],
    ["no s-maxage", { "cache-control": "public, max-age=60" }, 200],
    ["a cookie", { ...PUBLIC, "set-cookie": "next-auth.session-token=x; HttpOnly" }, 200],
    ["a 404", PUBLIC, 404],
    ["a 500", PUBLIC, 500],
    ["Vary: Cookie", { ...PUBLIC, vary: "Cookie" }, 200],
  ])("never stores a response with %s", async (_name, headers, status) => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const s = await serve(cache, () => ({ headers, status, body: "x" }));
    await (await s.get("/sections/world")).text();
    await (await s.get("/sections/world")).text();
    expect(s.calls()).toBe(2);
    expect(cache.size).toBe(0);
  });

  it.each([
    ["/newsroom", {}],
    ["/newsroom/articles/1", {}],
    ["/api/v1/articles", {}],
    ["/login", {}],
    ["/setup", {}],
    ["/articles/aleppo?_rsc=abc", {}],
    ["/articles/aleppo", { rsc: "1" }],
    ["/articles/aleppo", { "next-router-prefetch": "1" }],
    ["/articles/aleppo", { authorization: "Bearer mh_x" }],
  ])("passes %s %j straight through", async (path, headers) => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const s = await serve(cache, () => ({ headers: PUBLIC, body: "x" }));
    for (let i = 0; i < 2; i++) await (await s.get(path, { headers })).text();
    expect(s.calls()).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("does not cache other methods", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const s = await serve(cache, () => ({ headers: PUBLIC, body: "x" }));
    for (let i = 0; i < 2; i++) await (await s.get("/", { method: "POST", body: "a=1" })).text();
    for (let i = 0; i < 2; i++) await s.get("/", { method: "HEAD" });
    expect(s.calls()).toBe(4);
  });

  it("keeps one copy per Accept-Encoding", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const s = await serve(cache, (req) => ({ headers: PUBLIC, body: `for ${req.headers["accept-encoding"] ?? "none"}` }));
    const plain = { "accept-encoding": "identity" };
    const gz = { "accept-encoding": "gzip, deflate" };
    expect(await (await s.get("/", { headers: plain })).text()).toBe("for identity");
    expect(await (await s.get("/", { headers: gz })).text()).toBe("for gzip, deflate");
    expect(await (await s.get("/", { headers: plain })).text()).toBe("for identity");
    expect(await (await s.get("/", { headers: gz })).text()).toBe("for gzip, deflate");
    expect(s.calls()).toBe(2);
  });

  it("forgets a page after its time to live, and never keeps it beyond s-maxage", async () => {
    let now = 1_000_000;
    const cache = new PageCache({ ttlMs: 1000, now: () => now });
    let version = 1;
    const s = await serve(cache, () => ({ headers: PUBLIC, body: `v${version}` }));
    expect(await (await s.get("/")).text()).toBe("v1");
    version = 2;
    now += 999;
    expect(await (await s.get("/")).text()).toBe("v1");
    now += 2;
    expect(await (await s.get("/")).text()).toBe("v2");

    const short = new PageCache({ ttlMs: 60_000, now: () => now });
    const t = await serve(short, () => ({ headers: { "cache-control": "s-maxage=2" }, body: `v${version}` }));
    await (await t.get("/")).text();
    version = 3;
    now += 2001;
    expect(await (await t.get("/")).text()).toBe("v3");
  });

  it("purge empties it, and a page rendered across a purge is not kept", async () => {
    const cache = new PageCache({ ttlMs: 60_000 });
    let release: () => void = () => {};
    let slow = false;
    const s = await serve(cache, async () => {
      if (slow) await new Promise<void>((resolve) => (release = resolve));
      return { headers: PUBLIC, body: slow ? "old, rendered before the edit" : "v1" };
    });
    await (await s.get("/")).text();
    cache.purge();
    expect(cache.size).toBe(0);
    slow = true;
    const inFlight = s.get("/articles/x");
    await new Promise((resolve) => setTimeout(resolve, 50));
    cache.purge(); // an edit lands while that page renders
    release();
    expect(await (await inFlight).text()).toBe("old, rendered before the edit");
    expect(cache.size).toBe(0);
  });

  it("does not keep bodies over the size cap, and holds at most maxEntries pages", async () => {
    const cache = new PageCache({ ttlMs: 60_000, maxBodyBytes: 10, maxEntries: 2 });
    const s = await serve(cache, (req) => ({ headers: PUBLIC, body: req.url === "/big" ? "x".repeat(11) : "small" }));
    await (await s.get("/big")).text();
    expect(cache.size).toBe(0);
    for (const p of ["/a", "/b", "/c"]) await (await s.get(p)).text();
    expect(cache.size).toBe(2);
    expect((await s.get("/c")).headers.get("x-masthead-cache")).toBe("HIT");
    expect((await s.get("/a")).headers.get("x-masthead-cache")).toBe("MISS");

    const bytes = new PageCache({ ttlMs: 60_000, maxTotalBytes: 12 });
    const t = await serve(bytes, () => ({ headers: PUBLIC, body: "12345" }));
    for (const p of ["/a", "/b", "/c"]) await (await t.get(p)).text();
    expect(bytes.size).toBe(2); // 3 x 5 bytes do not fit in 12
    expect((await t.get("/a")).headers.get("x-masthead-cache")).toBe("MISS");
  });

  it("makes no entry for a query variant of a page, so a warmed ?x=1 cannot outlive an unpublish", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    let body = "the story";
    const s = await serve(cache, () => ({ headers: PUBLIC, body }));
    for (const path of ["/articles/a?x=1", "/articles/a?x=2", "/articles/a?utm_source=mail"]) {
      expect(await (await s.get(path)).text()).toBe("the story");
      expect(await (await s.get(path)).text()).toBe("the story");
    }
    expect(cache.size).toBe(0);
    expect(cache.hits).toBe(0);
    body = "not found";
    expect(await (await s.get("/articles/a?x=1")).text()).toBe("not found");
  });

  it("still keeps one short-lived entry per search query", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const s = await serve(cache, (req) => ({ headers: PUBLIC, body: String(req.url) }));
    for (const path of ["/search?q=aleppo", "/search?q=aleppo", "/search?q=iran"]) expect(await (await s.get(path)).text()).toBe(path);
    expect(cache.size).toBe(2);
    expect(cache.hits).toBe(1);
  });

  it("is off with a time to live of 0", async () => {
    const cache = new PageCache({ ttlMs: 0 });
    const s = await serve(cache, () => ({ headers: PUBLIC, body: "x" }));
    for (let i = 0; i < 2; i++) await (await s.get("/")).text();
    expect(s.calls()).toBe(2);
  });
});

describe("what shared caches downstream are told", () => {
  it("lowers a long s-maxage to the limit, set either way, on cached and passed-through answers alike", async () => {
    const cache = new PageCache({ ttlMs: 10_000, sharedMaxAgeS: 3 });
    const s = await serve(cache, (req) => ({
      headers: { "cache-control": "s-maxage=60, stale-while-revalidate=31535940" },
      viaWriteHead: req.url === "/via-write-head",
      body: "x",
    }));
    for (const path of ["/", "/via-write-head", "/newsroom-is-not/this", "/articles/a?_rsc=1"]) {
      const first = await s.get(path);
      expect(first.headers.get("cache-control"), path).toBe("s-maxage=3, stale-while-revalidate=31535940");
      const again = await s.get(path);
      expect(again.headers.get("cache-control"), path).toBe("s-maxage=3, stale-while-revalidate=31535940");
    }
    expect(cache.hits).toBe(3); // the _rsc request is passed through, and still lowered
  });

  it("bounds the stale window shared caches may serve (Next's default is a year)", async () => {
    const cache = new PageCache({ ttlMs: 10_000, sharedMaxAgeS: 3, sharedStaleS: 10 });
    const s = await serve(cache, (req) => ({
      headers: { "cache-control": "s-maxage=60, stale-while-revalidate=31535940" },
      viaWriteHead: req.url === "/via-write-head",
      body: "x",
    }));
    for (const path of ["/", "/via-write-head", "/articles/a?x=1", "/articles/a?_rsc=1"]) {
      for (let i = 0; i < 2; i++) expect((await s.get(path)).headers.get("cache-control"), path).toBe("s-maxage=3, stale-while-revalidate=10");
    }
    expect(capSharedMaxAge("public, s-maxage=3, stale-while-revalidate=5", 3, 10)).toBe("public, s-maxage=3, stale-while-revalidate=5");
    expect(capSharedMaxAge("s-maxage=60, stale-while-revalidate=600", null, 10)).toBe("s-maxage=60, stale-while-revalidate=10");
  });

  it("leaves shorter lifetimes and other directives alone", () => {
    expect(capSharedMaxAge("s-maxage=1, stale-while-revalidate=59", 3)).toBe("s-maxage=1, stale-while-revalidate=59");
    expect(capSharedMaxAge("public, s-maxage=31536000", 3)).toBe("public, s-maxage=3");
    expect(capSharedMaxAge("private, no-cache, no-store, max-age=0, must-revalidate", 3)).toBe("private, no-cache, no-store, max-age=0, must-revalidate");
  });
});

describe("shareableFor", () => {
  it("reads s-maxage and refuses what a shared cache must not keep", () => {
    expect(shareableFor(200, { "cache-control": "s-maxage=3, stale-while-revalidate=31535997" })).toBe(3);
    expect(shareableFor(200, { "cache-control": "s-maxage=0" })).toBeNull();
    expect(shareableFor(200, { "cache-control": "s-maxage=3", vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding" })).toBe(3);
    expect(shareableFor(200, { "cache-control": "s-maxage=3", vary: "*" })).toBeNull();
    expect(shareableFor(200, { "cache-control": "s-maxage=3, private" })).toBeNull();
    expect(shareableFor(304, { "cache-control": "s-maxage=3" })).toBeNull();
  });
});

describe("one render per page at a time (issue 16)", () => {
  /** An upstream that renders only when the test lets it: `release()` answers every waiting render. */
  function gated(body: (n: number) => Reply) {
    let n = 0;
    const waiting: (() => void)[] = [];
    return {
      reply: () => new Promise<Reply>((resolve) => waiting.push(() => resolve(body(++n)))),
      release: () => waiting.splice(0).forEach((go) => go()),
      pending: () => waiting.length,
    };
  }
  async function until(check: () => boolean) {
    const end = Date.now() + 5_000;
    while (!check()) {
      if (Date.now() > end) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it("sends the first of many simultaneous requests for a page to Next; the others get its answer", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const gate = gated((n) => ({ headers: PUBLIC, body: `render ${n}` }));
    const s = await serve(cache, gate.reply);
    const answers = Array.from({ length: 20 }, () => s.get("/articles/aleppo"));
    await until(() => cache.joined === 19);
    expect(gate.pending()).toBe(1);
    gate.release();
    const got = await Promise.all(
      answers.map(async (pending) => {
        const a = await pending;
        return [a.headers.get("x-masthead-cache"), await a.text()];
      }),
    );
    expect(s.calls()).toBe(1);
    expect(got.filter(([how]) => how === "MISS")).toHaveLength(1);
    expect(got.every(([, text]) => text === "render 1")).toBe(true);
    expect(cache.joined).toBe(19);
  });

  it("while an expired page renders again, serves its old copy (STALE) instead of rendering it twenty times", async () => {
    let clock = 0;
    const cache = new PageCache({ ttlMs: 1_000, now: () => clock });
    let gate: ReturnType<typeof gated> | null = null;
    const s = await serve(cache, () => (gate ? gate.reply() : { headers: PUBLIC, body: "old" }));
    await (await s.get("/")).text();
    clock = 1_500;
    gate = gated(() => ({ headers: PUBLIC, body: "new" }));
    const refreshing = s.get("/");
    await until(() => gate!.pending() === 1);
    const meanwhile = await Promise.all(Array.from({ length: 20 }, async () => {
      const r = await s.get("/");
      return [r.headers.get("x-masthead-cache"), await r.text()];
    }));
    expect(meanwhile.every(([how, text]) => how === "STALE" && text === "old")).toBe(true);
    expect(s.calls()).toBe(2);
    gate.release();
    expect(await (await refreshing).text()).toBe("new");
    const after = await s.get("/");
    expect([after.headers.get("x-masthead-cache"), await after.text()]).toEqual(["HIT", "new"]);
  });

  it("never serves an old copy after a purge, and a copy too far past its time is not served stale", async () => {
    let clock = 0;
    const cache = new PageCache({ ttlMs: 1_000, now: () => clock });
    let gate: ReturnType<typeof gated> | null = null;
    const s = await serve(cache, () => (gate ? gate.reply() : { headers: PUBLIC, body: "before" }));
    await (await s.get("/")).text();
    clock = 1_500;
    gate = gated((n) => ({ headers: PUBLIC, body: `after ${n}` }));
    const refreshing = s.get("/");
    await until(() => gate!.pending() === 1);
    cache.purge();
    // Purged while the refresh ran: no old copy, and that refresh's answer is not kept either.
    const next = s.get("/");
    await until(() => gate!.pending() === 2);
    gate.release();
    expect(await (await refreshing).text()).toBe("after 1");
    expect(await (await next).text()).toBe("after 2");

    // Long expired (past STALE_WHILE_REFRESH_MS): the others wait for the render instead.
    clock += 60_000;
    const first = s.get("/");
    await until(() => gate!.pending() === 1);
    const second = s.get("/");
    await until(() => cache.joined === 1);
    gate.release();
    const [a, b] = await Promise.all([first, second]);
    expect([a.headers.get("x-masthead-cache"), await a.text()]).toEqual(["MISS", "after 3"]);
    expect([b.headers.get("x-masthead-cache"), await b.text()]).toEqual(["HIT", "after 3"]);
  });

  it("lets the others ask Next themselves when the answer they waited for cannot be kept", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const gate = gated((n) => ({ headers: { "cache-control": "private, no-store" }, body: `mine ${n}` }));
    const s = await serve(cache, gate.reply);
    const answers = [s.get("/login-ish"), s.get("/login-ish")];
    await until(() => cache.joined === 1 && gate.pending() === 1);
    gate.release();
    await until(() => gate.pending() === 1);
    gate.release();
    const texts = await Promise.all(answers.map(async (a) => (await a).text()));
    expect(texts.sort()).toEqual(["mine 1", "mine 2"]);
    expect(s.calls()).toBe(2);
  });
});
