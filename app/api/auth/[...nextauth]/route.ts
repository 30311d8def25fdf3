import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { FORM_CONTENT_TYPE, readCredentialsBody } from "@/lib/auth/credentials-body";
import { authOptions } from "@/lib/auth/options";
import { type Attempt, beginSignInAttempt, clientAddress, signInNotChecked, signInSucceeded, tooManyAttemptsMessage } from "@/lib/auth/rate-limit";
import { recordThrottledSignIn } from "@/lib/use-cases/auth/record-throttled-sign-in";

const handler = NextAuth(authOptions);
type Ctx = { params: Promise<{ nextauth: string[] }> };

/** A refusal in next-auth's JSON shape (`url`), plus the message the form shows. */
function refuse(request: Request, status: number, error: { code: string; message: string; retryAfter?: number }, headers?: HeadersInit) {
  const name = error.code === "RATE_LIMITED" ? "RateLimited" : error.code;
  const url = new URL(`/login?error=${encodeURIComponent(name)}${error.retryAfter ? `&retryAfter=${error.retryAfter}` : ""}`, request.url).toString();
  return NextResponse.json({ url, error }, { status, headers });
}

/**
 * Credentials sign-in: the body is read once, bounded (lib/auth/credentials-body.ts), and the
 * rate limit counts the very email next-auth then checks, because next-auth is handed those
 * same bytes. A burst of wrong passwords for one account gets 429 with Retry-After.
 */
async function POST(request: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") !== "callback/credentials") return handler(request, ctx);
  const body = await readCredentialsBody(request);
  if (!body.ok) return refuse(request, body.status, { code: body.code, message: body.message });

  const attempt: Attempt = { email: (body.fields.email ?? "").trim().toLowerCase().slice(0, 254), address: clientAddress(request.headers) };
  const gate = await beginSignInAttempt(attempt);
  if (gate.retryAfter > 0) {
    const wait = gate.retryAfter;
    await recordThrottledSignIn({ email: attempt.email, address: attempt.address ?? "unknown", retryAfter: wait });
    return refuse(request, 429, { code: "RATE_LIMITED", message: tooManyAttemptsMessage(wait), retryAfter: wait }, { "Retry-After": String(wait) });
  }
  const headers = new Headers(request.headers);
  headers.set("content-type", FORM_CONTENT_TYPE);
  headers.delete("content-length");
  const response: Response = await handler(new NextRequest(request.url, { method: "POST", headers, body: body.text }), ctx);
  // A success sets the session cookie; a wrong password is next-auth's CredentialsSignin and
  // keeps its point. Anything else (a missing CSRF token, say) never checked the password, so it
  // must not clear the account's failures: one such request between guesses would wipe them.
  if (response.headers.getSetCookie().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=[^;]/.test(c))) {
    await signInSucceeded(attempt);
  } else if (await refusedCredentials(response)) {
    // Only failures wait: a busy address (one school, one NAT) never slows a right password.
    if (gate.failureDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.failureDelayMs));
  } else {
    await signInNotChecked(attempt);
  }
  return response;
}

async function refusedCredentials(response: Response): Promise<boolean> {
  const location = response.headers.get("location") ?? "";
  if (location.includes("error=CredentialsSignin")) return true;
  if (!response.headers.get("content-type")?.includes("json")) return false;
  const body = (await response.clone().json().catch(() => ({}))) as { url?: string };
  return body.url?.includes("error=CredentialsSignin") ?? false;
}

export { handler as GET, POST };
