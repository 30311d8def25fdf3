import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { sessionSecret } from "@/lib/config";
import { findActiveUser, SESSION_MAX_AGE_S, sessionIsCurrent, verifyCredentials } from "@/lib/data/users";
import { signOutEverywhere } from "@/lib/use-cases/accounts/sign-out-everywhere";
import { ZSignIn } from "@/lib/validation/user";
import { resolveSameOriginUrl } from "./redirect";

// Without NEXTAUTH_URL the origin comes from the request, so the app works on any PORT and
// host it is given; set NEXTAUTH_URL to pin it (behind a proxy that rewrites Host).
process.env.AUTH_TRUST_HOST ??= "true";

/** Thrown from the jwt callback: next-auth then clears the cookie and answers no session. */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

/**
 * next-auth v4 with the credentials provider, which requires JWT sessions. The token carries
 * the user id and `authTime`, when its sign-in happened. Role and active flag are read from the
 * database on every request (lib/auth/session.ts), so a role change or deactivation takes
 * effect at once. Rules that always hold:
 * - a session lives SESSION_MAX_AGE_S (12 h) from its sign-in, however often it is refreshed;
 * - a session signed in before the account's `sessionsValidAfter` is dead: signing out, "Sign
 *   out everywhere", a password change or reset, deactivation and reactivation all set it.
 */
export const authOptions: NextAuthOptions = {
  secret: sessionSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  // HttpOnly and SameSite=Lax always; next-auth adds Secure (and the __Secure- prefix) over HTTPS.
  useSecureCookies: process.env.NEXTAUTH_URL?.startsWith("https://") ?? undefined,
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const parsed = ZSignIn.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const user = await verifyCredentials(parsed.data);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.authTime = Date.now();
        return token;
      }
      // Every read of the session (and /api/auth/session, which re-issues the cookie) checks
      // that it is still alive: a refresh never extends a session past its 12 hours.
      const authTime = typeof token.authTime === "number" ? token.authTime : 0;
      if (!token.sub || !(await sessionIsCurrent(token.sub, authTime))) throw new SessionEnded("This session has ended.");
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, authTime: typeof token.authTime === "number" ? token.authTime : 0 };
    },
    // Only ever back to this site: `/\evil.example` is another site to a browser.
    redirect({ url, baseUrl }) {
      return resolveSameOriginUrl(url, baseUrl);
    },
  },
  events: {
    // A JWT cannot be withdrawn on its own, so signing out ends every session of the account:
    // a copy of this cookie, taken before, must not outlive the sign-out.
    async signOut({ token }) {
      const authTime = typeof token?.authTime === "number" ? token.authTime : undefined;
      const actor = token?.sub && authTime ? await findActiveUser(token.sub, authTime) : null;
      if (actor) await signOutEverywhere({ actor, input: { via: "sign_out" } });
    },
  },
  logger: {
    error(code, metadata) {
      const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
      if (error instanceof Error && error.name === "SessionEnded") return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
  },
};
