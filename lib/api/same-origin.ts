import { siteUrl } from "@/lib/site";
import { AppError } from "@/lib/errors";

/** Methods that change something; only these can be forged across sites. */
export function isUnsafeMethod(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

function first(value: string | null): string | null {
  const v = value?.split(",")[0]?.trim();
  return v ? v : null;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The origins this app answers as: the configured public URL (MASTHEAD_PUBLIC_URL or
 * NEXTAUTH_URL, lib/site.ts), the request's own URL, and the Host it was sent to (with the
 * scheme a proxy in front reports). A browser cannot set Host or X-Forwarded-* on a forged
 * request, so none of these can be chosen by another site.
 */
export function ownOrigins(request: Request): Set<string> {
  const origins = new Set<string>();
  const url = new URL(request.url);
  origins.add(url.origin);
  const site = originOf(siteUrl());
  if (site) origins.add(site);
  const host = first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host"));
  const proto = first(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(/:$/, "");
  if (host) {
    const fromHost = originOf(`${proto}://${host}`);
    if (fromHost) origins.add(fromHost);
  }
  return origins;
}

/**
 * Refuses (403 CROSS_ORIGIN) a request a page on another origin made the browser send. Browsers
 * send `Origin` on every cross-origin POST, and `Sec-Fetch-Site` on every request; a page on
 * another port of the same host is another origin (though "same-site", so SameSite=Lax cookies
 * go along). A request with neither header (curl, scripts) did not come from a web page and passes.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin !== null) {
    // "null" (a sandboxed frame, a data: page, some redirects) is never ours.
    if (!ownOrigins(request).has(origin.trim())) throw crossOrigin();
    return;
  }
  const site = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site === "cross-site" || site === "same-site") throw crossOrigin();
}

function crossOrigin(): AppError {
  return new AppError("CROSS_ORIGIN", "This request came from another site's page, so it was refused. Use Masthead itself, or an API token.");
}

/** What a route's unsafe handler reads: JSON (the default), a multipart form with files, or nothing. */
export type BodyKind = "json" | "multipart" | "none";

const EXPECTED: Record<Exclude<BodyKind, "none">, string> = { json: "application/json", multipart: "multipart/form-data" };

/**
 * A cookie-authenticated write must declare the body it sends. `application/json` cannot be sent
 * by a plain HTML form or a no-cors fetch, so a forged request fails here even from a browser
 * that sends no Origin. DELETE and body-less routes read no body and need no type.
 */
export function assertContentType(request: Request, body: BodyKind): void {
  if (body === "none" || request.method.toUpperCase() === "DELETE") return;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== EXPECTED[body]) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the request body as ${EXPECTED[body]} (with that Content-Type header).`);
  }
}
