import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy } from "@/lib/security-headers";

/**
 * Newsroom pages get a Content-Security-Policy with a fresh nonce per request and no
 * 'unsafe-inline' for scripts; Next reads the nonce from the request header and puts it on its
 * own scripts. (Reader pages are cached and get their policy from next.config.ts.)
 * Not an auth layer: every page, action and API handler checks the session itself.
 */
export function proxy(request: NextRequest) {
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Literal, as Next requires: NEWSROOM_PAGE_SEGMENTS (lib/security-headers.ts), each with its subpaths.
export const config = {
  matcher: [
    "/newsroom",
    "/newsroom/:path*",
    "/login",
    "/login/:path*",
    "/setup",
    "/setup/:path*",
    "/two-factor",
    "/two-factor/:path*",
    "/forgot-password",
    "/forgot-password/:path*",
    "/reset-password",
    "/reset-password/:path*",
  ],
};
