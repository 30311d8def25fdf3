import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { beginSignInAttempt, clientAddress, signInNotChecked, signInSucceeded, tooManyAttemptsMessage } from "@/lib/auth/rate-limit";
import { recordThrottledSignIn } from "@/lib/use-cases/auth/record-throttled-sign-in";

const handler = NextAuth(authOptions);
type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * Credentials sign-in goes through the rate limiter first: a burst of wrong passwords gets 429
 * with Retry-After. The JSON keeps next-auth's `url` shape, plus the message the form shows.
 */
async function POST(request: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") !== "callback/credentials") return handler(request, ctx);
  const form = await request.clone().formData().catch(() => null);
  const email = String(form?.get("email") ?? "").trim().toLowerCase().slice(0, 254);
  const address = clientAddress(request.headers);
  const wait = await beginSignInAttempt({ email, address });
  if (wait > 0) {
    await recordThrottledSignIn({ email, address, retryAfter: wait });
    const url = new URL(`/login?error=RateLimited&retryAfter=${wait}`, request.url).toString();
    return NextResponse.json(
      { url, error: { code: "RATE_LIMITED", message: tooManyAttemptsMessage(wait), retryAfter: wait } },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  const response: Response = await handler(request, ctx);
  // A success sets the session cookie; a wrong password is next-auth's CredentialsSignin and
  // keeps its point. Anything else (a missing CSRF token, say) never checked the password, so it
  // must not clear the account's failures: one such request between guesses would wipe them.
  if (response.headers.getSetCookie().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=[^;]/.test(c))) {
    await signInSucceeded({ email, address });
  } else if (!(await refusedCredentials(response))) {
    await signInNotChecked({ email, address });
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
