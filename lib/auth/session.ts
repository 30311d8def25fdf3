import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { secondFactorRequired } from "@/lib/domain/sign-in";
import { findLiveSession } from "@/lib/data/sessions";
import { getSignInSettings } from "@/lib/data/sign-in-settings";
import { findUserByApiToken } from "@/lib/data/tokens";
import { hasSecondFactor } from "@/lib/data/two-factor";
import { findActiveUser, type SessionUser } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";

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

export const getSignInState = cache(async (): Promise<SignInState> => {
  const session = (await getServerSession(authOptions)) as { userId?: string; authTime?: number; sid?: string } | null;
  if (!session?.userId || !session.sid) return { kind: "signed_out" };
  const [user, live] = await Promise.all([findActiveUser(session.userId, session.authTime ?? 0), findLiveSession(session.sid, session.userId)]);
  if (!user || !live) return { kind: "signed_out" };
  const base = { user, sessionId: live.id, method: live.method };
  if (live.pendingSecondFactor) return { kind: "second_factor", ...base };
  if (live.secondFactor === null) {
    const { twoFactor } = await getSignInSettings();
    if (secondFactorRequired(user.role, twoFactor) && !(await hasSecondFactor(user.userId))) return { kind: "enrol", ...base };
  }
  return { kind: "signed_in", ...base };
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
