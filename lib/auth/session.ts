import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { findActiveUser, type SessionUser } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";

/**
 * The signed-in user as the database says now, or null. The JWT only names the account; a
 * deactivated user or a changed role takes effect on the very next request.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(authOptions)) as { userId?: string } | null;
  if (!session?.userId) return null;
  return findActiveUser(session.userId);
});

/** For pages: the user, or a redirect to /login. */
export async function requireUserPage(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** For actions and API handlers: the user, or an UNAUTHENTICATED AppError. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}
