/**
 * The running server's page cache (lib/http/page-cache.ts), reachable from app code without
 * importing the server: the server and Next's bundles are separate module graphs, but they
 * share globalThis. Absent under `next dev` and in tests, where purging does nothing.
 * On PostgreSQL the server also registers a broadcast (lib/http/purge-bus.ts), so a purge here
 * empties every instance's cache.
 */
const KEY = Symbol.for("masthead.pageCache");
const BROADCAST_KEY = Symbol.for("masthead.pageCacheBroadcast");
type Purgeable = { purge(): void };
type Broadcast = () => Promise<void>;
const store = globalThis as Record<symbol, Purgeable | Broadcast | undefined>;

export function registerPageCache(cache: Purgeable) {
  store[KEY] = cache;
}

/** How to tell the other instances (null: none, one process). */
export function registerPurgeBroadcast(broadcast: Broadcast | null) {
  store[BROADCAST_KEY] = broadcast ?? undefined;
}

/**
 * Forget every cached reader page: call it wherever the reader site is revalidated.
 * `localOnly` when the purge came from another instance (or was already broadcast), so that
 * instances never echo each other's purges.
 */
export function purgePageCache({ localOnly = false }: { localOnly?: boolean } = {}) {
  (store[KEY] as Purgeable | undefined)?.purge();
  if (!localOnly) void (store[BROADCAST_KEY] as Broadcast | undefined)?.();
}
