import "server-only";
import type { TwoFactorPolicy } from "@/lib/domain/sign-in";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { queryRows } from "./raw";
import { SESSION_MAX_AGE_S, type SessionUser, sessionTimeValid } from "./users";

type Tx = Prisma.TransactionClient;

/** lastSeenAt is written at most this often: a page view is not worth a write each time. */
const TOUCH_EVERY_MS = 60_000;

export type LiveSession = { id: string; userId: string; method: string; pendingSecondFactor: boolean; secondFactor: string | null };

/** A new session row at sign-in (the JWT then carries its id). */
export async function createAuthSession(data: { userId: string; method: string; userAgent: string; pendingSecondFactor: boolean; secondFactor: string | null; now?: Date }) {
  const now = data.now ?? new Date();
  const row = await db.authSession.create({
    data: { userId: data.userId, method: data.method, userAgent: data.userAgent.slice(0, 500), pendingSecondFactor: data.pendingSecondFactor, secondFactor: data.secondFactor, createdAt: now, lastSeenAt: now },
    select: { id: true },
  });
  return row.id;
}

/** Everything a request's sign-in check needs, from one statement (findSignInFacts). */
export type SignInFacts = {
  user: SessionUser;
  session: LiveSession;
  /** The publication's second-factor rule. */
  twoFactor: TwoFactorPolicy;
  /** The account has a confirmed authenticator. */
  hasSecondFactor: boolean;
};

type RawDate = Date | string | number;
type SignInRow = {
  userId: string; email: string; role: SessionUser["role"]; active: boolean | number; personId: string; sessionsValidAfter: RawDate | null; fullName: string;
  sid: string; sessionUserId: string; method: string; pendingSecondFactor: boolean | number; secondFactor: string | null; endedAt: RawDate | null; lastSeenAt: RawDate;
  reviewPolicy: SessionUser["reviewPolicy"] | null; twoFactorRequired: boolean | number | null; twoFactorEditors: boolean | number | null; secondFactorConfirmedAt: RawDate | null;
};

/** The statement behind findSignInFacts (exported for the query-plan test): primary keys only. */
export function signInFactsSql(sid: string, userId: string): Prisma.Sql {
  return Prisma.sql`SELECT u."id" AS "userId", u."email", u."role", u."active", u."personId", u."sessionsValidAfter", p."fullName",
      s."id" AS "sid", s."userId" AS "sessionUserId", s."method", s."pendingSecondFactor", s."secondFactor", s."endedAt", s."lastSeenAt",
      pub."reviewPolicy", pub."twoFactorRequired", pub."twoFactorEditors", tf."confirmedAt" AS "secondFactorConfirmedAt"
    FROM "AuthSession" s
    JOIN "User" u ON u."id" = s."userId"
    JOIN "Person" p ON p."id" = u."personId"
    LEFT JOIN "Publication" pub ON pub."id" = 1
    LEFT JOIN "TwoFactor" tf ON tf."userId" = u."id"
    WHERE s."id" = ${sid} AND u."id" = ${userId}`;
}

/**
 * A request's sign-in check in one statement: the session a JWT names, its account and the
 * publication's rules, or null when any of it says no. The rules findActiveUser keeps, and the
 * session's own: it has not ended and belongs to the account the JWT names; the
 * account is active; the sign-in (`authTime`, ms) is under 12 hours old and not from before the
 * account's sessions were last ended. Touches lastSeenAt at most once a minute.
 *
 * Every cookie request runs this before its handler, on the one SQLite connection the readers
 * share, so it is one primary-key join instead of the six Prisma queries it replaces (issue 16).
 */
export async function findSignInFacts({ sid, userId, authTime, now = new Date() }: { sid: string; userId: string; authTime: number; now?: Date }): Promise<SignInFacts | null> {
  if (!sid || !userId || !sessionTimeValid(authTime, now.getTime())) return null;
  const [row] = await queryRows<SignInRow>(db, signInFactsSql(sid, userId));
  if (!row || row.sessionUserId !== userId || row.endedAt !== null || !row.active) return null;
  if (row.sessionsValidAfter !== null && authTime < new Date(row.sessionsValidAfter).getTime()) return null;
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await db.authSession.updateMany({ where: { id: sid, endedAt: null }, data: { lastSeenAt: now } });
  }
  return {
    user: {
      userId: row.userId,
      personId: row.personId,
      role: row.role,
      reviewPolicy: row.reviewPolicy ?? "ADVISER_APPROVES",
      email: row.email,
      name: row.fullName,
    },
    session: { id: row.sid, userId: row.sessionUserId, method: row.method, pendingSecondFactor: Boolean(row.pendingSecondFactor), secondFactor: row.secondFactor },
    twoFactor: { required: Boolean(row.twoFactorRequired), editors: Boolean(row.twoFactorEditors) },
    hasSecondFactor: row.secondFactorConfirmedAt !== null,
  };
}

/**
 * The account's sessions that can still be used: not ended, begun after its sessions were last
 * ended all at once (sessionsValidAfter), and under 12 hours old. Newest first.
 */
export async function listOwnSessions({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionsValidAfter: true } });
  const oldest = new Date(Math.max(now.getTime() - SESSION_MAX_AGE_S * 1000, user?.sessionsValidAfter?.getTime() ?? 0));
  return db.authSession.findMany({
    where: { userId, endedAt: null, pendingSecondFactor: false, createdAt: { gte: oldest } },
    select: { id: true, method: true, userAgent: true, secondFactor: true, createdAt: true, lastSeenAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
  });
}

/** Ends one session of an account (ownership in the where clause); false when there was none. */
export async function endSession(tx: Tx, { sessionId, userId, now }: { sessionId: string; userId: string; now: Date }): Promise<boolean> {
  const { count } = await tx.authSession.updateMany({ where: { id: sessionId, userId, endedAt: null }, data: { endedAt: now } });
  return count > 0;
}

/** Ends every session of an account. */
export async function endAllSessions(tx: Tx, { userId, now }: { userId: string; now: Date }): Promise<void> {
  await tx.authSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
}

/** The session has given its second factor. */
export async function markSecondFactorGiven(tx: Tx, { sessionId, how }: { sessionId: string; how: string }): Promise<void> {
  await tx.authSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { pendingSecondFactor: false, secondFactor: how } });
}
