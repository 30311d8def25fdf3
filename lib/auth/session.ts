import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { findUserByApiToken } from "@/lib/data/tokens";
import { findActiveUser, type SessionUser } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";

/**
 * The signed-in user as the database says now, or null. The JWT only names the account; a
 * deactivated user or a changed role takes effect on the very next request.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(authOptions)) as { userId?: string; authTime?: number } | null;
  if (!session?.userId) return null;
  return findActiveUser(session.userId, session.authTime ?? 0);
});

/** For pages: the user, or a redirect to /login. */
export async function requireUserPage(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
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
