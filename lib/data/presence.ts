import "server-only";
import { db } from "./db";

/**
 * Who has a story open in the editor. A hint, never a lock: entries expire by themselves, so a
 * closed laptop cannot strand a story. Kept in the database (EditorPresence), so that editors
 * on different app instances see each other; each heartbeat also sweeps every expired entry.
 */
export const PRESENCE_TTL_MS = 30_000;

export async function touchPresence({ articleId, userId, name, now = new Date() }: { articleId: string; userId: string; name: string; now?: Date }): Promise<void> {
  await db.editorPresence.upsert({
    where: { articleId_userId: { articleId, userId } },
    create: { articleId, userId, name, seenAt: now },
    update: { name, seenAt: now },
  });
  await db.editorPresence.deleteMany({ where: { seenAt: { lt: new Date(now.getTime() - PRESENCE_TTL_MS) } } });
}

export async function leavePresence({ articleId, userId }: { articleId: string; userId: string }): Promise<void> {
  await db.editorPresence.deleteMany({ where: { articleId, userId } });
}

/** Names of the other people editing now (seen within the time-to-live). */
export async function otherEditors({ articleId, userId, now = new Date() }: { articleId: string; userId: string; now?: Date }): Promise<string[]> {
  const rows = await db.editorPresence.findMany({
    where: { articleId, userId: { not: userId }, seenAt: { gte: new Date(now.getTime() - PRESENCE_TTL_MS) } },
    select: { name: true },
    orderBy: { seenAt: "asc" },
  });
  return rows.map((r) => r.name);
}
