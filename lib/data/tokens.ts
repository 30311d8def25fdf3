import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/policy";
import { AppError, notFound } from "@/lib/errors";
import { db } from "./db";
import { findActiveUser, type SessionUser } from "./users";

/** Tokens are 256 random bits, so a fast hash is enough: nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Create a personal API token. The plain token is returned once and never stored. */
export async function createApiToken({ actor, name }: { actor: Actor; name: string }) {
  const count = await db.apiToken.count({ where: { userId: actor.userId, revokedAt: null } });
  if (count >= 20) throw new AppError("VALIDATION", "You have 20 active tokens; revoke one first.", { fields: { name: "You have 20 active tokens; revoke one first." } });
  const token = `mh_${randomBytes(32).toString("base64url")}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { userId: actor.userId, name, tokenHash: hashToken(token) }, select: { id: true, name: true, createdAt: true } });
    await tx.auditLog.create({ data: { actorId: actor.userId, action: "token.create", subject: created.id, details: JSON.stringify({ name }) } });
    return created;
  });
  return { ...row, token };
}

export async function listApiTokens({ actor }: { actor: Actor }) {
  return db.apiToken.findMany({
    where: { userId: actor.userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Revoke one of your own tokens (ownership in the where clause). */
export async function revokeApiToken({ actor, tokenId }: { actor: Actor; tokenId: string }) {
  const result = await db.apiToken.updateMany({ where: { id: tokenId, userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (result.count === 0) throw notFound("That token");
  await db.auditLog.create({ data: { actorId: actor.userId, action: "token.revoke", subject: tokenId } });
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
