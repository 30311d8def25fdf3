import "server-only";
import { getToken, type JWT } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { sessionSecret } from "@/lib/config";
import { secondFactorRequired } from "@/lib/domain/sign-in";
import { findSignInFacts, type SignInFacts } from "@/lib/data/sessions";
import { findUserByApiToken } from "@/lib/data/tokens";
import type { SessionUser } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { TokenCache } from "./token-cache";

/**
 * Where this browser's sign-in stands:
 * - `second_factor`: the password or provider was right, and the account's authenticator code
 *   is still owed (/two-factor);
 * - `enrol`: the publication requires a second factor of this role and the account has none
 *   (/two-factor/enrol), unless the provider vouched for one (amr/acr);
 * - `signed_in`: everything else may go ahead.
 * Only `signed_in` is a user for pages, actions and the API.
 */
export type SignInState =
  | { kind: "signed_out" }
  | { kind: "second_factor" | "enrol" | "signed_in"; user: SessionUser; sessionId: string; method: string };

/** What a sign-in check concludes from its facts (null: no live session). Pure; exported for tests. */
export function signInStateOf(facts: SignInFacts | null): SignInState {
  if (!facts) return { kind: "signed_out" };
  const base = { user: facts.user, sessionId: facts.session.id, method: facts.session.method };
  if (facts.session.pendingSecondFactor) return { kind: "second_factor", ...base };
  if (facts.session.secondFactor === null && secondFactorRequired(facts.user.role, facts.twoFactor) && !facts.hasSecondFactor) return { kind: "enrol", ...base };
  return { kind: "signed_in", ...base };
}

/**
 * The session cookie's token, decrypted, as next-auth would read it: the `__Secure-` cookie
 * when next-auth would set that one (an https origin), else the plain one. Only cookies are
 * read: an `Authorization` header is an API token (requireApiUser), never a session.
 */
async function readSessionToken(): Promise<JWT | null> {
  const forwardedProto = (await headers()).get("x-forwarded-proto");
  const secureCookie = authOptions.useSecureCookies ?? (process.env.NEXTAUTH_URL ? process.env.NEXTAUTH_URL.startsWith("https://") : forwardedProto !== "http");
  const all = (await cookies()).getAll();
  // The session cookie (next-auth splits a long one into .0, .1, ...), as the cache's key.
  const session = all.filter((c) => c.name.includes("next-auth.session-token"));
  if (session.length === 0) return null;
  const key = `${secureCookie ? "secure" : "plain"}\n${session.map((c) => `${c.name}=${c.value}`).join("\n")}`;
  const kept = decodedTokens.get(key);
  if (kept) return kept as JWT;
  const jar = Object.fromEntries(all.map((c) => [c.name, c.value]));
  const token = await getToken({ req: { cookies: jar, headers: {} } as never, secureCookie, secret: sessionSecret() });
  if (token) decodedTokens.set(key, token);
  return token;
}

/** Session tokens this process has decrypted (lib/auth/token-cache.ts). */
const decodedTokens = new TokenCache();

/**
 * Once per request: the cookie's token, then one statement for its session, account and the
 * publication's rules (findSignInFacts). This is what next-auth's getServerSession did through
 * the jwt callback plus five more queries, and getServerSession sets no cookie in a server
 * component or route handler anyway; /api/auth/session still runs the callback (lib/auth/options.ts).
 */
export const getSignInState = cache(async (): Promise<SignInState> => {
  const token = await readSessionToken();
  const sid = typeof token?.sid === "string" ? token.sid : "";
  const authTime = typeof token?.authTime === "number" ? token.authTime : 0;
  if (!token?.sub || !sid) return { kind: "signed_out" };
  return signInStateOf(await findSignInFacts({ sid, userId: token.sub, authTime }));
});

/**
 * The signed-in user as the database says now, or null. The JWT only names the account and its
 * session; a deactivated user, a changed role or an ended session takes effect on the very next
 * request, and a session that owes its second factor is nobody yet.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const state = await getSignInState();
  return state.kind === "signed_in" ? state.user : null;
});

/** For pages: the user, or a redirect to /login (or to the second-factor step it owes). */
export async function requireUserPage(): Promise<SessionUser> {
  const state = await getSignInState();
  if (state.kind === "second_factor") redirect("/two-factor");
  if (state.kind === "enrol") redirect("/two-factor/enrol");
  if (state.kind === "signed_out") redirect("/login");
  return state.user;
}

/** For the second-factor pages and their actions: a session in one of these states, or UNAUTHENTICATED. */
export async function requireSignInStep(kinds: readonly SignInState["kind"][]) {
  const state = await getSignInState();
  if (state.kind === "signed_out" || !kinds.includes(state.kind)) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return state;
}

/**
 * For API handlers: a personal API token (`Authorization: Bearer mh_…`) when one is sent, else
 * the session cookie. A token acts with its owner's current role.
 */
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const auth = request.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    const user = match ? await findUserByApiToken(match[1]!) : null;
    if (!user) throw new AppError("UNAUTHENTICATED", "That API token is not valid (unknown, revoked, or its account is deactivated).");
    return user;
  }
  return requireUser();
}

/** For actions and API handlers: the user, or an UNAUTHENTICATED AppError. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}
