/**
 * Where to go after signing in. `next` is resolved the way a browser resolves it against the
 * app's origin (so `/\evil.example` and `//evil.example` are seen as the other sites they are)
 * and kept only when it stays on that origin. The answer is a path that cannot be read as
 * another host: never `//…` nor `/\…`. Pure: used by the login page and next-auth's redirect.
 */
export function resolveSameOriginPath(next: string | null | undefined, origin: string, fallback = "/newsroom"): string {
  if (!next) return fallback;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && !/^\/[/\\]/.test(path) ? path : fallback;
}

/** The same rule for a full URL (next-auth's `callbacks.redirect`): on the app's origin, or its root. */
export function resolveSameOriginUrl(url: string, baseUrl: string): string {
  const path = resolveSameOriginPath(url, baseUrl, "/");
  return new URL(path, baseUrl).toString();
}
