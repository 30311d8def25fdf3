/**
 * Security headers for every response. PURE (no Next imports) so it is unit-tested directly.
 * Pages get a nonce-based Content-Security-Policy: scripts run only with this request's nonce
 * ('strict-dynamic' lets Next's own loader add chunks), never 'unsafe-inline'. Styles allow
 * inline attributes because the rich-text editor (ProseMirror) sets style attributes.
 */
/**
 * The first path segments of the newsroom's own pages: the newsroom and every sign-in step
 * (app/(auth): sign-in, set-up, two-factor, forgot and reset password). They run Next's client
 * runtime under a per-request nonce policy (proxy.ts, whose matcher must list them literally);
 * every other page is a reader page, with the cacheable public policy (next.config.ts) and no
 * framework runtime (lib/http/reader-html.ts).
 */
export const NEWSROOM_PAGE_SEGMENTS = ["newsroom", "login", "setup", "two-factor", "forgot-password", "reset-password"] as const;

export function contentSecurityPolicy({ nonce, dev, https }: { nonce: string; dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Reader pages are cached and shared by every visitor, so they cannot carry a per-request
 * nonce, and they need none: the server sends them without any inline script (Next's runtime
 * is taken out, lib/http/reader-html.ts), so scripts may come from this site's files only.
 * Everything else is as strict (no plugins, no framing, no foreign scripts, styles, images or
 * connections, forms only to this site). `next dev`, which serves pages with their runtime,
 * gets inline scripts and eval back (`dev`).
 */
export function publicContentSecurityPolicy({ https, dev = false }: { https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Uploaded media (/media/*): nothing may load, and a file opened as a document is sandboxed
 * (no scripts, no same-origin access), whatever its bytes claim to be.
 */
export const MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** Headers every response carries, pages and API alike. */
export function baseSecurityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
