import { readFileSync } from "node:fs";
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { Window } from "happy-dom";
import { afterEach, describe, expect, it } from "vitest";
import { PageCache } from "./page-cache";
import { isReaderPageRequest, notFoundDocument, serveReaderPage, stripFrameworkRuntime } from "./reader-html";

/** A story page exactly as `next build` + Next 16.4 rendered it (the demo's Aleppo story). */
const NEXT_STORY = readFileSync(new URL("./fixtures/next16-story.html", import.meta.url), "utf8");

describe("stripFrameworkRuntime", () => {
  it("leaves Next's page without a script but with its content, styles and structured data", () => {
    const html = stripFrameworkRuntime(NEXT_STORY);
    const { document } = new Window();
    document.write(html);
    const scripts = [...document.querySelectorAll("script")];
    expect(scripts.map((s) => s.getAttribute("type"))).toEqual(["application/ld+json"]);
    expect(JSON.parse(scripts[0].textContent ?? "")["@type"]).toBe("NewsArticle");
    expect(document.querySelector('link[as="script"], link[rel="modulepreload"]')).toBeNull();
    expect(html).not.toContain("/_next/static/chunks/2");
    expect(html).not.toContain("__next_f");
    expect(document.querySelector('link[rel="stylesheet"]')?.getAttribute("href")).toMatch(/^\/_next\/static\/.+\.css$/);
    expect(document.querySelector("h1")?.textContent).toMatch(/Aleppo/);
    expect(document.querySelector(".prose-story p")?.textContent?.length).toBeGreaterThan(50);
    expect(document.title).toContain("Aleppo");
    expect(document.querySelectorAll("a[href]").length).toBe(new DOMParserLike(NEXT_STORY).count("a[href]"));
    expect(html.length).toBeLessThan(NEXT_STORY.length / 2);
  });

  it("removes every script form, whatever its case and spacing, and keeps JSON-LD in any quoting", () => {
    const html = `<head><SCRIPT src="/a.js" async></SCRIPT ><link rel="preload" as="script" href="/b.js"><link rel="modulepreload" href="/c.js"><link rel="preload" as="image" href="/d.jpg"></head><body><p>x</p><script>self.__next_f.push([1,"\\u003c/script>"])</script><script type="application/ld+json">{"a":1}</script></body>`;
    expect(stripFrameworkRuntime(html)).toBe(`<head><link rel="preload" as="image" href="/d.jpg"></head><body><p>x</p><script type="application/ld+json">{"a":1}</script></body>`);
  });
});

describe("notFoundDocument", () => {
  const SHELL = '<!DOCTYPE html><html id="__next_error__"><head><title>Masthead</title></head><body></body></html>';
  it("replaces Next's empty error shell with a whole page that works without JavaScript", () => {
    const { document } = new Window();
    document.write(notFoundDocument(SHELL));
    expect(document.querySelector("h1")?.textContent).toBe("Page not found");
    expect(document.querySelector('a[href="/"]')?.textContent).toBe("Go to the front page");
    expect(document.querySelector("script")).toBeNull();
  });
  it("uses the last whole not-found page Next rendered, and keeps a whole page as it is", () => {
    const whole = '<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="/_next/static/chunks/a.css"/></head><body><main id="main"><h1>Page not found</h1></main></body></html>';
    expect(notFoundDocument(whole)).toBe(whole);
    expect(notFoundDocument(SHELL)).toBe(whole);
  });
});

describe("isReaderPageRequest", () => {
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers });
  it.each(["/", "/articles/aleppo", "/sections/news/page/2", "/search?q=x", "/staff", "/corrections", "/nope"])("rewrites %s", (url) => {
    expect(isReaderPageRequest(req(url))).toBe(true);
  });
  it.each([
    "/newsroom",
    "/newsroom/articles/1",
    "/login",
    "/login/not-on-staff",
    "/setup",
    "/two-factor",
    "/two-factor/enrol",
    "/forgot-password",
    "/reset-password?token=abc",
    "/api/v1/articles", "/_next/static/chunks/a.js", "/media/ab/x.jpg"])("leaves %s alone", (url) => {
    expect(isReaderPageRequest(req(url))).toBe(false);
  });
  it("leaves router requests and other methods alone", () => {
    expect(isReaderPageRequest(req("/", { rsc: "1" }))).toBe(false);
    expect(isReaderPageRequest(req("/?_rsc=abc"))).toBe(false);
    expect(isReaderPageRequest(req("/", {}, "POST"))).toBe(false);
  });
});

/** Counts elements matching a selector in a whole HTML document. */
class DOMParserLike {
  readonly #document;
  constructor(html: string) {
    this.#document = new Window().document;
    this.#document.write(html);
  }
  count(selector: string) {
    return this.#document.querySelectorAll(selector).length;
  }
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A real server: `upstream` plays Next, streaming in chunks and compressing when asked. */
async function serve(upstream: (req: IncomingMessage, res: ServerResponse) => void, cache?: PageCache) {
  const seen: IncomingMessage[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    seen.push(req);
    upstream(req, res);
  };
  const server = createServer((req, res) => {
    if (cache) void cache.handle(req, res, (rq, rs) => serveReaderPage(rq, rs, handler));
    else void serveReaderPage(req, res, handler);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, get: (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers }) };
}

const nextLike = (req: IncomingMessage, res: ServerResponse) => {
  res.statusCode = req.url === "/missing" ? 404 : 200;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "s-maxage=60, stale-while-revalidate=60");
  res.setHeader("etag", '"next"');
  res.setHeader("vary", "rsc, Accept-Encoding");
  const half = Math.floor(NEXT_STORY.length / 2);
  res.write(NEXT_STORY.slice(0, half));
  res.end(NEXT_STORY.slice(half));
};

describe("serveReaderPage", () => {
  it("sends the page without its runtime, gzipped here, with an ETag of what was sent and 304 on a match", async () => {
    const s = await serve(nextLike);
    const response = await s.get("/articles/aleppo", { "accept-encoding": "gzip" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    // Next was asked for identity bytes, and for a full answer rather than a 304 of its own.
    expect(s.seen[0].headers["accept-encoding"]).toBeUndefined();
    const body = await response.text();
    expect(body).toBe(stripFrameworkRuntime(NEXT_STORY));
    const etag = response.headers.get("etag")!;
    expect(etag).not.toBe('"next"');
    const again = await s.get("/articles/aleppo", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("keeps a 404 page's status and strips it too", async () => {
    const s = await serve(nextLike);
    const response = await s.get("/missing");
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("<script src=");
  });

  it("passes the newsroom, assets and non-HTML answers through as Next wrote them", async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { "content-type": req.url === "/feed.xml" ? "application/rss+xml" : "text/html" });
      res.end("<script>kept()</script>");
    });
    expect(await (await s.get("/newsroom")).text()).toBe("<script>kept()</script>");
    expect(await (await s.get("/feed.xml")).text()).toBe("<script>kept()</script>");
    expect(s.seen[1].headers["accept-encoding"]).toBeUndefined();
  });

  it("is what the page cache keeps: a hit serves the stripped bytes", async () => {
    const cache = new PageCache({ ttlMs: 10_000 });
    const s = await serve(nextLike, cache);
    const miss = await s.get("/", { "accept-encoding": "gzip" });
    expect(miss.headers.get("x-masthead-cache")).toBe("MISS");
    const hit = await fetch(miss.url, { headers: { "accept-encoding": "gzip" } });
    expect(hit.headers.get("x-masthead-cache")).toBe("HIT");
    expect(await hit.text()).toBe(stripFrameworkRuntime(NEXT_STORY));
    expect(s.seen).toHaveLength(1);
    // The stored bytes are the gzipped stripped page (fetch above decompressed them for us).
    const raw = await new Promise<Buffer>((resolve) =>
      get(miss.url, { headers: { "accept-encoding": "gzip" } }, (r) => {
        const parts: Buffer[] = [];
        r.on("data", (c: Buffer) => parts.push(c));
        r.on("end", () => resolve(Buffer.concat(parts)));
      }),
    );
    expect(gunzipSync(raw).toString("utf8")).toBe(stripFrameworkRuntime(NEXT_STORY));
  });
});
