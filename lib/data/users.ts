import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/policy";
import { recordAudit } from "./audit";
import { db } from "./db";
import { getPublication } from "./publication";

// A real hash of a random password, so an unknown email costs as much time as a wrong password.
let dummyHash: Promise<string> | null = null;

/** The account for an email and password, or null. Inactive accounts never sign in. */
export async function verifyCredentials({ email, password }: { email: string; password: string }) {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, active: true, ssoOnly: true, passwordHash: true, person: { select: { fullName: true } } },
  });
  if (!user) {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verifyPassword(await dummyHash, password);
    await recordAudit(db, { kind: "auth.sign_in_failed", actorId: null, subject: email, details: { reason: "unknown_email" } });
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  // An "SSO only" account has no password door, even with the right password.
  if (!ok || !user.active || user.ssoOnly) {
    const reason = !ok ? "wrong_password" : !user.active ? "inactive" : "sso_only";
    await recordAudit(db, { kind: "auth.sign_in_failed", actorId: user.id, subject: email, details: { reason } });
    return null;
  }
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.person.fullName };
}

/** The account single sign-on would open for an email (matched exactly, as stored), or null. */
export async function findSsoAccount(email: string) {
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, active: true, role: true, person: { select: { fullName: true } } } });
}

/** A sign-in through any door happened. */
export async function recordSignIn(userId: string, now: Date = new Date()): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lastLoginAt: now } });
}

export type SessionUser = Actor & { email: string; name: string };

/** A session lasts 12 hours from its sign-in, however often it is refreshed. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/**
 * The signed-in account as it is now in the database, or null: missing, deactivated, or, for a
 * session (`authTime`, the ms its sign-in happened), one that began before the account's
 * sessions were last ended (password change or reset, sign-out, deactivation, reactivation) or
 * more than SESSION_MAX_AGE_S ago. Without `authTime` (API tokens) only the account is checked.
 */
export async function findActiveUser(userId: string, authTime?: number, now: number = Date.now()): Promise<SessionUser | null> {
  if (authTime !== undefined && !sessionTimeValid(authTime, now)) return null;
  const [user, publication] = await Promise.all([
    db.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, role: true, active: true, personId: true, sessionsValidAfter: true, person: { select: { fullName: true } } },
    }),
    getPublication(),
  ]);
  if (!user || !user.active) return null;
  if (authTime !== undefined && user.sessionsValidAfter && authTime < user.sessionsValidAfter.getTime()) return null;
  return {
    userId: user.id,
    personId: user.personId,
    role: user.role,
    reviewPolicy: publication.reviewPolicy,
    email: user.email,
    name: user.person.fullName,
  };
}

/** A session's sign-in time is known, not in the future, and less than SESSION_MAX_AGE_S ago. */
export function sessionTimeValid(authTime: number, now: number = Date.now()): boolean {
  return Number.isFinite(authTime) && authTime > 0 && authTime <= now + 60_000 && now - authTime < SESSION_MAX_AGE_S * 1000;
}

export async function hasAnyUser(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

export async function listStaff() {
  const users = await db.user.findMany({
    select: {
      id: true,
      email: true,
      role: true,
      active: true,
      lastLoginAt: true,
      createdAt: true,
      person: { select: { id: true, fullName: true, graduationYear: true, slug: true, penName: true, penNameApproved: true } },
    },
    orderBy: [{ active: "desc" }, { createdAt: "asc" }],
  });
  return users;
}

export async function findOwnProfile({ actor }: { actor: Actor }) {
  return db.person.findUniqueOrThrow({
    where: { id: actor.personId },
    select: { fullName: true, slug: true, bio: true, nameDisplay: true, penName: true, penNameApproved: true, graduationYear: true },
  });
}
