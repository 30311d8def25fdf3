/**
 * A small shared cache for reader pages, in the server process in front of Next's handler.
 *
 * Next already keeps rendered reader pages (ISR), but each hit still goes through its router,
 * which on a 2-core school server costs more than the page itself. This cache stores the bytes
 * of responses that Next itself marks as shareable (`Cache-Control: s-maxage=…`), for at most
 * `ttlMs` (and never longer than s-maxage), and answers repeats from memory.
 *
 * Rules that must always hold:
 * - Only anonymous-safe responses are stored: GET, no Authorization, a public path (never
 *   /newsroom, /api, /login, /setup), status 200, `s-maxage` present, no `private`/`no-store`,
 *   no Set-Cookie. A response that varies on anything but Accept-Encoding passes through.
 * - Requests from Next's client router (RSC headers or `_rsc`) pass through: they vary on
 *   headers this cache does not key on.
 * - A query string makes no entry, except on /search (whose page is its query): otherwise
 *   every made-up `?x=1` would be one more copy, and after an unpublish one more stale copy.
 * - `purge()` empties it; publish, unpublish and edit call it (lib/http/page-cache-hook.ts)
 *   next to revalidatePath, so a change is never held here longer than `ttlMs`.
 * - One request per page goes to Next at a time. When a page's copy runs out, the first request
 *   renders it again and the others get the old copy meanwhile (STALE, for at most
 *   STALE_WHILE_REFRESH_MS past its time, and never after a purge); a page with no copy at all
 *   (first request, or just purged) has its other requests wait for that one answer. Without
 *   this, 200 readers of one page sent a few dozen renders to Next every `ttlMs`, and every
 *   autosave waited behind them (issue 16).
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

type Entry = { status: number; headers: OutgoingHttpHeaders; body: Buffer; storedAt: number; expiresAt: number };
/** A page's render in progress: its cache generation, and done once its answer was stored or refused. */
type Flight = { generation: number; done: Promise<void> };

/** How long past its time a copy may still be served while its page renders again. */
export const STALE_WHILE_REFRESH_MS = 5_000;
type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Pages whose query string is what they show: one entry per query (each as short-lived). */
const QUERY_KEYED = new Set(["/search"]);
const NEVER_CACHED = /^\/(newsroom|api|login|setup)(\/|$|\?)/;
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url", "next-action"];
/** Set per response by Node, or meaningless when replayed. */
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "age"]);

export type PageCacheOptions = {
  ttlMs: number;
  /**
   * The longest any shared cache downstream (nginx, a CDN) is told it may keep a page: every
   * `s-maxage` above it is lowered to it. Next keeps reader pages for a long time because every
   * change revalidates them at once, but a cache out there cannot be told about changes.
   */
  sharedMaxAgeS?: number | null;
  /**
   * The longest a shared cache downstream may go on serving a page after its s-maxage while it
   * fetches a new one (`stale-while-revalidate`, which nginx honours): a taken-down story can
   * be served from out there for at most sharedMaxAgeS + sharedStaleS seconds.
   */
  sharedStaleS?: number | null;
  maxEntries?: number;
  maxBodyBytes?: number;
  maxTotalBytes?: number;
  now?: () => number;
};

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #flights = new Map<string, Flight>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxBodyBytes: number;
  readonly #maxTotalBytes: number;
  readonly #sharedMaxAgeS: number | null;
  readonly #sharedStaleS: number | null;
  #totalBytes = 0;
  readonly #now: () => number;
  /** Bumped by purge(): a response that started rendering before a purge is not stored. */
  #generation = 0;
  hits = 0;
  misses = 0;
  /** Answered with a copy past its time while the page rendered again. */
  stale = 0;
  /** Waited for another request's render of the same page. */
  joined = 0;

  constructor({ ttlMs, sharedMaxAgeS = null, sharedStaleS = null, maxEntries = 1000, maxBodyBytes = 2 * 1024 * 1024, maxTotalBytes = 64 * 1024 * 1024, now = Date.now }: PageCacheOptions) {
    this.#sharedMaxAgeS = sharedMaxAgeS;
    this.#sharedStaleS = sharedStaleS;
    this.#maxTotalBytes = maxTotalBytes;
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#maxBodyBytes = maxBodyBytes;
    this.#now = now;
  }

  get size() {
    return this.#entries.size;
  }

  /** Bytes of page bodies held (at most maxTotalBytes). */
  get bytes() {
    return this.#totalBytes;
  }

  purge() {
    this.#generation++;
    this.#entries.clear();
    this.#flights.clear();
    this.#totalBytes = 0;
  }

  /** The cache key, or null when this request must go to Next untouched. */
  keyFor(req: IncomingMessage): string | null {
    if (this.#ttlMs <= 0 || req.method !== "GET" || !req.url) return null;
    if (NEVER_CACHED.test(req.url) || req.url.includes("_rsc=")) return null;
    if (req.headers.authorization) return null;
    if (ROUTER_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
    const query = req.url.indexOf("?");
    if (query >= 0 && !QUERY_KEYED.has(req.url.slice(0, query))) return null;
    // Next compresses by what the client accepts, so each Accept-Encoding gets its own copy.
    const encoding = String(req.headers["accept-encoding"] ?? "").toLowerCase().replace(/\s+/g, "");
    // Responses behind https carry HSTS (next.config.ts), so the two schemes never share a copy.
    const https = req.headers["x-forwarded-proto"] === "https" ? "https" : "http";
    return `${https} ${encoding} ${req.url}`;
  }

  /** Serve from memory when fresh, else hand to `next` and keep a shareable answer. */
  handle(req: IncomingMessage, res: ServerResponse, next: Handler): unknown {
    if (this.#sharedMaxAgeS !== null || this.#sharedStaleS !== null) limitSharedMaxAge(res, this.#sharedMaxAgeS, this.#sharedStaleS);
    const key = this.keyFor(req);
    if (key === null) return next(req, res);
    const entry = this.#entries.get(key);
    const now = this.#now();
    if (entry && entry.expiresAt > now) {
      this.hits++;
      this.#serve(res, entry, now, "HIT");
      return;
    }
    const flight = this.#flights.get(key);
    if (flight && flight.generation === this.#generation) {
      if (entry && now - entry.expiresAt < STALE_WHILE_REFRESH_MS) {
        this.stale++;
        this.#serve(res, entry, now, "STALE");
        return;
      }
      this.joined++;
      return flight.done.then(() => {
        const fresh = this.#entries.get(key);
        const at = this.#now();
        if (fresh && fresh.expiresAt > at) {
          this.hits++;
          this.#serve(res, fresh, at, "HIT");
          return;
        }
        // Not shareable after all (or purged meanwhile): this request asks Next itself.
        this.misses++;
        return next(req, res);
      });
    }
    this.misses++;
    this.#capture(key, res);
    return next(req, res);
  }

  #serve(res: ServerResponse, entry: Entry, now: number, how: "HIT" | "STALE") {
    res.writeHead(entry.status, {
      ...entry.headers,
      "content-length": String(entry.body.length),
      age: String(Math.floor((now - entry.storedAt) / 1000)),
      "x-masthead-cache": how,
    });
    res.end(entry.body);
  }

  #capture(key: string, res: ServerResponse) {
    const generation = this.#generation;
    let landed!: () => void;
    const flight: Flight = { generation, done: new Promise<void>((resolve) => (landed = resolve)) };
    this.#flights.set(key, flight);
    const settle = () => {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
      landed();
    };
    res.once("close", settle);
    const chunks: Buffer[] = [];
    let bytes = 0;
    let tooBig = false;
    const written: OutgoingHttpHeaders = {};
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buf = Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
      bytes += buf.length;
      if (bytes > this.#maxBodyBytes) tooBig = true;
      else chunks.push(buf);
    };
    const writeHead = res.writeHead;
    const write = res.write;
    const end = res.end;
    res.setHeader("x-masthead-cache", "MISS");
    // Headers given straight to writeHead are not readable through getHeaders() afterwards.
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      // Called first: limitSharedMaxAge (inside) rewrites the headers object in place.
      const result = (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
      const headers = typeof args[1] === "string" ? args[2] : args[1];
      if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2) written[String(headers[i]).toLowerCase()] = headers[i + 1] as string;
      } else if (headers && typeof headers === "object") {
        for (const [k, v] of Object.entries(headers)) written[k.toLowerCase()] = v as string;
      }
      return result;
    } as ServerResponse["writeHead"];
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).apply(this, [chunk, ...rest]);
    } as ServerResponse["write"];
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (end as (...a: unknown[]) => ServerResponse).apply(this, [chunk, ...rest]);
    } as ServerResponse["end"];
    res.once("finish", () => {
      try {
        this.#store(key, res, { generation, tooBig, written, chunks });
      } finally {
        settle();
      }
    });
  }

  #store(key: string, res: ServerResponse, { generation, tooBig, written, chunks }: { generation: number; tooBig: boolean; written: OutgoingHttpHeaders; chunks: Buffer[] }) {
    if (generation !== this.#generation) return;
    const headers = { ...lowerCase(res.getHeaders()), ...written };
    const ttl = tooBig ? null : shareableFor(res.statusCode, headers);
    const previous = this.#entries.get(key);
    if (ttl === null) {
      // The page is no longer one to keep (too big, an error, private): no old copy either.
      if (previous) this.#forget(key, previous);
      return;
    }
    const stored: OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(headers)) if (!HOP_HEADERS.has(k) && k !== "x-masthead-cache" && v !== undefined) stored[k] = v;
    const now = this.#now();
    const body = Buffer.concat(chunks);
    if (previous) this.#forget(key, previous);
    // Oldest first (a Map keeps insertion order), until the new page fits both limits.
    for (const [oldKey, old] of this.#entries) {
      if (this.#entries.size < this.#maxEntries && this.#totalBytes + body.length <= this.#maxTotalBytes) break;
      this.#forget(oldKey, old);
    }
    this.#entries.set(key, { status: res.statusCode, headers: stored, body, storedAt: now, expiresAt: now + Math.min(this.#ttlMs, ttl * 1000) });
    this.#totalBytes += body.length;
  }

  #forget(key: string, entry: Entry) {
    this.#entries.delete(key);
    this.#totalBytes -= entry.body.length;
  }
}

/**
 * `s-maxage=N` lowered to at most `limit` seconds, and `stale-while-revalidate=N` to at most
 * `staleLimit` (null leaves either alone); everything else in the header kept.
 */
export function capSharedMaxAge(cacheControl: string, limit: number | null, staleLimit: number | null = null): string {
  const lower = (directive: string, max: number | null) => (text: string) =>
    max === null ? text : text.replace(new RegExp(`\\b${directive}=(\\d+)`, "i"), (whole, n: string) => (Number(n) > max ? `${directive}=${max}` : whole));
  return lower("stale-while-revalidate", staleLimit)(lower("s-maxage", limit)(cacheControl));
}

/** Lower the response's s-maxage and stale window, however the handler sets them (setHeader or writeHead). */
function limitSharedMaxAge(res: ServerResponse, limit: number | null, staleLimit: number | null) {
  const writeHead = res.writeHead;
  const cap = (value: string) => capSharedMaxAge(value, limit, staleLimit);
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const current = this.getHeader("cache-control");
    if (typeof current === "string") this.setHeader("cache-control", cap(current));
    const headers = typeof args[1] === "string" ? args[2] : args[1];
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) if (String(headers[i]).toLowerCase() === "cache-control") headers[i + 1] = cap(String(headers[i + 1]));
    } else if (headers && typeof headers === "object") {
      const record = headers as Record<string, unknown>;
      for (const k of Object.keys(record)) if (k.toLowerCase() === "cache-control") record[k] = cap(String(record[k]));
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
}

function lowerCase(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Seconds a shared cache may keep this response, or null when it must not keep it at all. */
export function shareableFor(status: number, headers: OutgoingHttpHeaders): number | null {
  if (status !== 200 || headers["set-cookie"] !== undefined) return null;
  const cc = String(headers["cache-control"] ?? "").toLowerCase();
  if (/\b(private|no-store|no-cache)\b/.test(cc)) return null;
  const vary = String(headers.vary ?? "")
    .toLowerCase()
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  // Next's HTML varies on its router headers, which keyFor() already refuses to cache.
  if (vary.some((v) => v === "*" || (v !== "accept-encoding" && !ROUTER_HEADERS.includes(v)))) return null;
  const match = /\bs-maxage=(\d+)/.exec(cc);
  if (!match) return null;
  const seconds = Number(match[1]);
  return seconds > 0 ? seconds : null;
}
