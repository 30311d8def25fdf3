/**
 * Reader pages without a framework runtime.
 *
 * Reader pages are React server components like the rest of the app, so they keep Next's
 * cache (ISR), revalidatePath, notFound and metadata. Next's app router has no switch to leave
 * its client runtime out, and route handlers cannot render HTML themselves (they run in the
 * react-server layer, where react-dom/server refuses to load). So the production server, which
 * already stands in front of Next for the page cache (scripts/serve.ts), takes the runtime out
 * of every reader HTML response before it is cached or sent: the script elements (React, the
 * router, the inline flight data that repeats the page) and their preload links. What is left
 * is the server-rendered document, complete on its own: links are plain <a href>, search is a
 * GET form, and nothing hydrates.
 *
 * Rules that must always hold:
 * - Only HTML answers to reader paths are rewritten (never the newsroom's pages, the sign-in
 *   steps among them (NEWSROOM_PAGE_SEGMENTS), nor /api, /_next, /media), and never a request from Next's client router (RSC headers or `_rsc`).
 * - Structured data (`<script type="application/ld+json">`) stays: it is data, not code.
 * - The rewrite is a scan, not an HTML parser, and is exact for what React writes: React escapes
 *   `<` in every text and attribute value, the story body is sanitized HTML without scripts, and
 *   Next's inline scripts escape `</script` in their data; so a `<script` in the output is always
 *   a script element and its first `</script` ends it, as the HTML tokenizer would read it.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { NEWSROOM_PAGE_SEGMENTS } from "../security-headers";

const NOT_READER = new RegExp(`^/(${[...NEWSROOM_PAGE_SEGMENTS, "api", "_next", "media"].join("|")})(/|$|\\?)`);
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url", "next-action"];
const SCRIPT = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi;
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\brel="(?:preload|modulepreload)")(?:(?=[^>]*\bas="script")|(?=[^>]*\brel="modulepreload"))[^>]*>/gi;
/** Next's placeholder for streamed metadata, empty once the page is complete. */
const EMPTY_METADATA_OUTLET = '<div hidden=""><!--$--><!--/$--></div>';

/**
 * When a page calls notFound() Next 16 sends an empty error shell (`<html id="__next_error__">`)
 * and leaves the not-found page to its client runtime, so without JavaScript the reader would
 * see a blank page. The server answers such a 404 with the last whole not-found page Next
 * rendered (for an unknown path), or this plain one before there is any.
 */
const ERROR_SHELL = /<html id="__next_error__"/;
const PLAIN_NOT_FOUND =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><meta name="robots" content="noindex"/><title>Page not found</title></head>' +
  '<body><a href="#main" class="skip-link">Skip to content</a><main id="main" tabindex="-1"><h1>Page not found</h1><p>There is nothing here. The page may have moved, or it may not be public.</p><p><a href="/">Go to the front page</a></p></main></body></html>';
let lastNotFound: string | null = null;

/** The HTML to send for a 404: a whole not-found page instead of Next's empty error shell. */
export function notFoundDocument(html: string): string {
  if (!ERROR_SHELL.test(html)) {
    lastNotFound = html;
    return html;
  }
  return lastNotFound ?? PLAIN_NOT_FOUND;
}

/** The document without Next's scripts and script preloads; JSON-LD stays. */
export function stripFrameworkRuntime(html: string): string {
  return html
    .replace(SCRIPT, (element, attributes: string) => (/\btype\s*=\s*"application\/ld\+json"/i.test(attributes) ? element : ""))
    .replace(SCRIPT_PRELOAD, "")
    .replace(EMPTY_METADATA_OUTLET, "");
}

/** Whether this request is for a reader page whose HTML is rewritten. */
export function isReaderPageRequest(req: Pick<IncomingMessage, "method" | "url" | "headers">): boolean {
  if (req.method !== "GET" || !req.url || NOT_READER.test(req.url) || req.url.includes("_rsc=")) return false;
  return !ROUTER_HEADERS.some((h) => req.headers[h] !== undefined);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Hand a reader page request to `next` and send its HTML without the framework runtime,
 * compressed here (Next is asked for identity, so the bytes can be read), with an ETag of the
 * bytes actually sent. Anything that is not HTML goes out as Next wrote it.
 */
export function serveReaderPage(req: IncomingMessage, res: ServerResponse, next: Handler): unknown {
  if (!isReaderPageRequest(req)) return next(req, res);
  const acceptsGzip = /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""));
  const ifNoneMatch = req.headers["if-none-match"];
  delete req.headers["accept-encoding"];
  delete req.headers["if-none-match"];

  const chunks: Buffer[] = [];
  let status: number | null = null;
  let headedWith: OutgoingHttpHeaders = {};
  const { writeHead, end } = res;
  const head = (code: number) => (writeHead as (...a: unknown[]) => ServerResponse).call(res, code);
  const finish = (body?: Buffer) => (end as (...a: unknown[]) => ServerResponse).call(res, body);
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array));
  };
  // Held back until the end: the headers (so the length and ETag can change) and every chunk.
  res.writeHead = function (this: ServerResponse, code: number, ...rest: unknown[]) {
    status = code;
    const headers = typeof rest[0] === "string" ? rest[1] : rest[0];
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) headedWith[String(headers[i]).toLowerCase()] = headers[i + 1] as string;
    } else if (headers && typeof headers === "object") {
      headedWith = { ...headedWith, ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) };
    }
    return this;
  } as ServerResponse["writeHead"];
  res.flushHeaders = () => {};
  res.write = function (chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    callback?.();
    return true;
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    res.writeHead = writeHead;
    res.end = end;
    for (const [k, v] of Object.entries(headedWith)) if (v !== undefined) this.setHeader(k, v);
    const code = status ?? this.statusCode;
    let body = Buffer.concat(chunks);
    const type = String(this.getHeader("content-type") ?? "");
    const encoded = this.getHeader("content-encoding");
    if (type.startsWith("text/html") && !encoded) {
      const stripped = stripFrameworkRuntime(body.toString("utf8"));
      body = Buffer.from(code === 404 ? notFoundDocument(stripped) : stripped, "utf8");
      const etag = `"r${createHash("sha1").update(body).digest("base64url").slice(0, 20)}"`;
      this.setHeader("etag", etag);
      this.setHeader("vary", mergeVary(this.getHeader("vary")));
      if (code === 200 && ifNoneMatch === etag) {
        this.removeHeader("content-length");
        head(304);
        return finish();
      }
      if (acceptsGzip && body.length > 1024) {
        body = gzipSync(body, { level: 6 });
        this.setHeader("content-encoding", "gzip");
      }
    }
    this.removeHeader("transfer-encoding");
    this.setHeader("content-length", String(body.length));
    head(code);
    return finish(body);
  } as ServerResponse["end"];
  return next(req, res);
}

function mergeVary(current: unknown): string {
  const list = String(current ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  return list.some((v) => v.toLowerCase() === "accept-encoding") ? list.join(", ") : [...list, "Accept-Encoding"].join(", ");
}
