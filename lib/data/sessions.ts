import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { SESSION_MAX_AGE_S } from "./users";

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

/**
 * The session named by a JWT, while it has not been ended, and only for the account the JWT
 * names (a sid moved into another account's token is no session). Touches lastSeenAt.
 */
export async function findLiveSession(sid: string, userId: string, now: Date = new Date()): Promise<LiveSession | null> {
  const row = await db.authSession.findUnique({
    where: { id: sid },
    select: { id: true, userId: true, method: true, pendingSecondFactor: true, secondFactor: true, endedAt: true, lastSeenAt: true },
  });
  if (!row || row.endedAt || row.userId !== userId) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.authSession.updateMany({ where: { id: sid, endedAt: null }, data: { lastSeenAt: now } });
  }
  return { id: row.id, userId: row.userId, method: row.method, pendingSecondFactor: row.pendingSecondFactor, secondFactor: row.secondFactor };
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
