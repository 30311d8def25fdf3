/**
 * The public origin for canonical URLs, feeds, sitemaps and structured data. Public pages are
 * cached, so they cannot read the request's Host: it comes from configuration, with a local
 * default that matches the server `npm start`/`npm run demo` runs.
 */
export function siteUrl(): string {
  const configured = process.env.MASTHEAD_PUBLIC_URL ?? process.env.NEXTAUTH_URL;
  const url = configured ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
  return url.replace(/\/+$/, "");
}

/** An absolute URL for a site path; non-ASCII letters (Unicode slugs) are percent-encoded. */
export function absoluteUrl(path: string): string {
  return `${siteUrl()}${encodePath(path.startsWith("/") ? path : `/${path}`)}`;
}

/** Percent-encode only what is not ASCII, so an already encoded path is left as it is. */
export function encodePath(path: string): string {
  return path.replace(/[^\u0000-\u007f]+/gu, (text) => encodeURIComponent(text));
}

/**
 * A slug from a route's params. Slugs never contain "%" (lib/domain/slug.ts), so one that does
 * arrived still percent-encoded and is decoded; a malformed escape is left for the 404.
 */
export function slugParam(raw: string): string {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
