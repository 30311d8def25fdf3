import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/auth/policy";
import { db } from "./db";
import { findActiveUser, type SessionUser } from "./users";

/** Tokens are 256 random bits, so a fast hash is enough: nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function listApiTokens({ actor }: { actor: Actor }) {
  return db.apiToken.findMany({
    where: { userId: actor.userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** The owner of a bearer token, as the database says now; null for unknown or revoked tokens. */
export async function findUserByApiToken(token: string): Promise<SessionUser | null> {
  if (!/^mh_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  // Touch lastUsedAt at most once a minute: no write on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return findActiveUser(row.userId);
}
