import "server-only";

/**
 * Who has a story open in the editor. A hint, never a lock: entries expire by themselves, so a
 * closed laptop cannot strand a story. Kept in memory (one server process); losing it on
 * restart costs nothing but a few seconds of hint.
 */
const TTL_MS = 30_000;
const store = ((globalThis as unknown as { mastheadPresence?: Map<string, Map<string, { name: string; at: number }>> }).mastheadPresence ??= new Map());

/**
 * Stories with someone in them: once there are more, expired entries are swept, so the store
 * holds the stories open in the last TTL_MS and not every story ever opened since the start.
 */
export const PRESENCE_SWEEP_AT = 500;

export function touchPresence({ articleId, userId, name, now = Date.now() }: { articleId: string; userId: string; name: string; now?: number }) {
  if (store.size >= PRESENCE_SWEEP_AT && !store.has(articleId)) sweep(now);
  const editors = store.get(articleId) ?? new Map();
  editors.set(userId, { name, at: now });
  store.set(articleId, editors);
}

export function leavePresence({ articleId, userId }: { articleId: string; userId: string }) {
  const editors = store.get(articleId);
  editors?.delete(userId);
  if (editors?.size === 0) store.delete(articleId);
}

/** Drop expired entries, and stories nobody is in any more. */
function sweep(now: number) {
  for (const [articleId, editors] of store) {
    for (const [id, entry] of editors) if (now - entry.at > TTL_MS) editors.delete(id);
    if (editors.size === 0) store.delete(articleId);
  }
}

/** How many stories the store holds (for tests and the memory line). */
export function countPresenceStories(): number {
  return store.size;
}

/** Names of the other people editing now. */
export function otherEditors({ articleId, userId, now = Date.now() }: { articleId: string; userId: string; now?: number }): string[] {
  const editors = store.get(articleId);
  if (!editors) return [];
  const names: string[] = [];
  for (const [id, entry] of editors) {
    if (now - entry.at > TTL_MS) editors.delete(id);
    else if (id !== userId) names.push(entry.name);
  }
  return names;
}
