import "server-only";

/**
 * Who has a story open in the editor. A hint, never a lock: entries expire by themselves, so a
 * closed laptop cannot strand a story. Kept in memory (one server process); losing it on
 * restart costs nothing but a few seconds of hint.
 */
const TTL_MS = 30_000;
const store = ((globalThis as unknown as { mastheadPresence?: Map<string, Map<string, { name: string; at: number }>> }).mastheadPresence ??= new Map());

export function touchPresence({ articleId, userId, name, now = Date.now() }: { articleId: string; userId: string; name: string; now?: number }) {
  const editors = store.get(articleId) ?? new Map();
  editors.set(userId, { name, at: now });
  store.set(articleId, editors);
}

export function leavePresence({ articleId, userId }: { articleId: string; userId: string }) {
  store.get(articleId)?.delete(userId);
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
