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

export function absoluteUrl(path: string): string {
  return `${siteUrl()}${path.startsWith("/") ? path : `/${path}`}`;
}
