import "server-only";
import type pg from "pg";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres } from "rate-limiter-flexible";
import { databaseUrl, isPostgresUrl } from "@/lib/config";

/**
 * Where rate limits are counted. On SQLite (one process) in memory, as before; on PostgreSQL
 * in the database (rate-limiter-flexible's PostgreSQL store, table "RateLimit" made by the
 * derived migration), so that every app instance counts the same attempts: a limit of 5 is 5
 * across two instances behind a load balancer, not 5 on each.
 */
export const RATE_LIMIT_TABLE = "RateLimit";

export type LimiterOptions = ConstructorParameters<typeof RateLimiterMemory>[0];

export function createLimiter(pool: pg.Pool | null, options: LimiterOptions): RateLimiterAbstract {
  if (!pool) return new RateLimiterMemory(options);
  return new RateLimiterPostgres({ ...options, storeClient: pool, storeType: "pool", tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: true });
}

/**
 * One set of limiters per app instance, kept on globalThis under `key` (Next bundles a module
 * once per route, and they must share it). On PostgreSQL the set belongs to the database
 * client's pool, so a second instance in the same process (a test) gets a set of its own that
 * counts in the same table.
 */
export async function limitersFor<T>(key: string, make: (pool: pg.Pool | null) => T): Promise<T> {
  const pool = isPostgresUrl(databaseUrl()) ? (await import("@/lib/data/db")).pgPoolOf() : null;
  const registry = ((globalThis as unknown as Record<string, WeakMap<object, T> | undefined>)[key] ??= new WeakMap());
  const owner: object = pool ?? registry;
  let set = registry.get(owner);
  if (!set) {
    set = make(pool);
    registry.set(owner, set);
  }
  return set;
}
