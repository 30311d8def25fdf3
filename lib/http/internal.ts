import { randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A secret that exists only in this server process, for requests the server sends to itself.
 * The scheduler runs outside any request, where Next cannot revalidate its cache; it asks its
 * own server to (app/api/internal/revalidate). Nobody outside the process can know the token.
 */
const KEY = Symbol.for("masthead.internalToken");
const store = globalThis as Record<symbol, string | undefined>;

export const INTERNAL_HEADER = "x-masthead-internal";

export function internalToken(): string {
  store[KEY] ??= randomBytes(32).toString("hex");
  return store[KEY]!;
}

export function isInternalRequest(headers: Headers): boolean {
  const given = Buffer.from(headers.get(INTERNAL_HEADER) ?? "");
  const expected = Buffer.from(internalToken());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** This server's own origin (it binds HOST:PORT; scripts/serve.ts and next both set PORT). */
export function ownOrigin(): string {
  return `http://${process.env.HOST ?? "127.0.0.1"}:${process.env.PORT ?? 3000}`;
}
