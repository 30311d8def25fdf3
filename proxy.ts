import { type NextRequest, NextResponse } from "next/server";
import { baseSecurityHeaders, contentSecurityPolicy } from "@/lib/security-headers";

/**
 * Adds security headers to every response and a per-request CSP nonce to pages. Next reads the
 * nonce from the request's Content-Security-Policy header and puts it on its own scripts.
 * Not an auth layer: every page, action and API handler checks the session itself.
 */
export function proxy(request: NextRequest) {
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = isApi ? "default-src 'none'; frame-ancestors 'none'" : contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  if (!isApi) {
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(baseSecurityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
