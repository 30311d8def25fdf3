import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { sessionSecret } from "@/lib/config";
import { providerDidMultiFactor } from "@/lib/domain/sign-in";
import { createAuthSession, findSignInFacts } from "@/lib/data/sessions";
import { hasSecondFactor } from "@/lib/data/two-factor";
import { recordSignIn, SESSION_MAX_AGE_S, verifyCredentials } from "@/lib/data/users";
import { endOwnSession } from "@/lib/use-cases/accounts/end-session";
import { ZSignIn } from "@/lib/validation/user";
import { resolveSameOriginUrl } from "./redirect";
import { matchSsoSignIn, SSO_REFUSED_PATH } from "./sso-sign-in";
import { ssoProviders } from "./sso";

// Without NEXTAUTH_URL the origin comes from the request, so the app works on any PORT and
// host it is given; set NEXTAUTH_URL to pin it (behind a proxy that rewrites Host).
process.env.AUTH_TRUST_HOST ??= "true";

/** The signing-in browser's User-Agent, for Your account's session list ("" outside a request). */
async function requestUserAgent(): Promise<string> {
  try {
    return (await headers()).get("user-agent") ?? "";
  } catch {
    return "";
  }
}

/** Thrown from the jwt callback: next-auth then clears the cookie and answers no session. */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

/**
 * next-auth v4 with the credentials provider and the configured single sign-on providers
 * (lib/auth/sso.ts), on JWT sessions. The token carries the user id, `authTime`, when its
 * sign-in happened, and `sid`, its AuthSession row. Role and active flag are read from the
 * database on every request (lib/auth/session.ts), so a role change or deactivation takes
 * effect at once. Rules that always hold:
 * - a session lives SESSION_MAX_AGE_S (12 h) from its sign-in, however often it is refreshed;
 * - a session signed in before the account's `sessionsValidAfter` is dead: "Sign out
 *   everywhere", a password change or reset, deactivation and reactivation all set it;
 * - a session whose AuthSession row has ended is dead: signing out and "End" on Your account;
 * - single sign-on opens only an existing active account (lib/domain/sign-in.ts), and the token
 *   names that account, never the provider's subject; the provider's claims are not kept.
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
    ...ssoProviders(),
  ],
  callbacks: {
    // A provider's sign-in is let in only for an account an adviser made; else the refusal page.
    async signIn({ account, profile }) {
      if (!account || account.type === "credentials") return true;
      const match = await matchSsoSignIn({ provider: account.provider, claims: (profile ?? {}) as Record<string, unknown>, audit: true });
      return match ? true : SSO_REFUSED_PATH;
    },
    async jwt({ token, user, account, profile }) {
      if (user && account) {
        const claims = (profile ?? {}) as Record<string, unknown>;
        const sso = account.type !== "credentials";
        const match = sso ? await matchSsoSignIn({ provider: account.provider, claims, audit: false }) : { id: user.id, email: user.email ?? "", name: user.name ?? "" };
        if (!match) throw new SessionEnded("This sign-in was refused.");
        const providerMfa = sso && providerDidMultiFactor(claims);
        const owesCode = !providerMfa && (await hasSecondFactor(match.id));
        const sid = await createAuthSession({
          userId: match.id,
          method: account.provider,
          userAgent: await requestUserAgent(),
          pendingSecondFactor: owesCode,
          secondFactor: providerMfa ? "provider" : null,
        });
        if (sso) await recordSignIn(match.id);
        // Only what Masthead knows: the provider's name, picture and claims stay out of the cookie.
        return { sub: match.id, email: match.email, name: match.name, sid, authTime: Date.now() };
      }
      // Every read of the session (and /api/auth/session, which re-issues the cookie) checks
      // that it is still alive: a refresh never extends a session past its 12 hours.
      const authTime = typeof token.authTime === "number" ? token.authTime : 0;
      const sid = typeof token.sid === "string" ? token.sid : "";
      if (!token.sub || !sid || !(await findSignInFacts({ sid, userId: token.sub, authTime }))) {
        throw new SessionEnded("This session has ended.");
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, sid: token.sid, authTime: typeof token.authTime === "number" ? token.authTime : 0 };
    },
    // Only ever back to this site: `/\evil.example` is another site to a browser.
    redirect({ url, baseUrl }) {
      return resolveSameOriginUrl(url, baseUrl);
    },
  },
  events: {
    // Signing out ends this session's row, so a copy of this cookie, taken before, dies with it;
    // the account's other browsers stay signed in ("Sign out everywhere" ends those).
    async signOut({ token }) {
      if (typeof token?.sub === "string" && typeof token.sid === "string") await endOwnSession({ userId: token.sub, input: { sessionId: token.sid, via: "sign_out" } });
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
