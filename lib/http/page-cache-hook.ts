/**
 * The running server's page cache (lib/http/page-cache.ts), reachable from app code without
 * importing the server: the server and Next's bundles are separate module graphs, but they
 * share globalThis. Absent under `next dev` and in tests, where purging does nothing.
 */
const KEY = Symbol.for("masthead.pageCache");
type Purgeable = { purge(): void };

export function registerPageCache(cache: Purgeable) {
  (globalThis as Record<symbol, Purgeable | undefined>)[KEY] = cache;
}

/** Forget every cached reader page: call it wherever the reader site is revalidated. */
export function purgePageCache() {
  (globalThis as Record<symbol, Purgeable | undefined>)[KEY]?.purge();
}
