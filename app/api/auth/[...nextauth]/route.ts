import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { clientAddress, recordSignInFailure, recordSignInSuccess, signInBlockedFor } from "@/lib/auth/rate-limit";
import { db } from "@/lib/data/db";

const handler = NextAuth(authOptions);
type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * Credentials sign-in goes through the rate limiter first: a burst of wrong passwords gets 429
 * with Retry-After. The JSON keeps next-auth's `url` shape so its client reports the error.
 */
async function POST(request: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") !== "callback/credentials") return handler(request, ctx);
  const form = await request.clone().formData().catch(() => null);
  const email = String(form?.get("email") ?? "").trim().toLowerCase().slice(0, 254);
  const address = clientAddress(request.headers);
  const wait = await signInBlockedFor({ email, address });
  if (wait > 0) {
    await db.auditLog.create({ data: { action: "auth.sign_in_throttled", subject: email, details: JSON.stringify({ address, retryAfter: wait }) } });
    const url = new URL(`/login?error=RateLimited&retryAfter=${wait}`, request.url).toString();
    return NextResponse.json(
      { url, error: { code: "RATE_LIMITED", message: `Too many attempts. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? "s" : ""}.`, retryAfter: wait } },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  const response: Response = await handler(request, ctx);
  // next-auth answers a failed credentials sign-in with an error in the redirect URL.
  const location = response.headers.get("location") ?? "";
  let failed = response.status >= 400 || location.includes("error=");
  if (!failed && response.headers.get("content-type")?.includes("json")) {
    const body = (await response.clone().json().catch(() => ({}))) as { url?: string };
    failed = body.url?.includes("error=") ?? false;
  }
  await (failed ? recordSignInFailure({ email, address }) : recordSignInSuccess({ email }));
  return response;
}

export { handler as GET, POST };
