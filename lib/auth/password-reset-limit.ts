import "server-only";
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { createLimiter, limitersFor } from "./limiter-store";

/**
 * "Forgot password" throttling (rate-limiter-flexible, as sign-in uses). Rules that always hold:
 * - Per email address: at most 3 reset emails an hour. Past that the request is answered exactly
 *   as any other (no account enumeration), and no email goes out: nobody can flood an inbox.
 * - Per client address (only known behind a trusted proxy, lib/auth/rate-limit.ts) and for the
 *   whole server: past 10 (or 200) requests an hour, the form says to wait. That answer is the
 *   same whether or not the address exists, so it reveals nothing either.
 */
const HOUR_S = 60 * 60;
// In memory on SQLite, in the database on PostgreSQL (every instance counts the same requests).
const resetLimiters = () =>
  limitersFor("mastheadResetLimiters", (pool) => ({
    email: createLimiter(pool, { keyPrefix: "reset-email", points: 3, duration: HOUR_S }),
    address: createLimiter(pool, { keyPrefix: "reset-address", points: 10, duration: HOUR_S }),
    server: createLimiter(pool, { keyPrefix: "reset-server", points: Number(process.env.MASTHEAD_RESET_MAX_PER_HOUR ?? 200), duration: HOUR_S }),
  }));

async function take(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/** `refused`: tell the person to wait. `send`: false when this address had its emails for the hour. */
export async function admitResetRequest({ email, address }: { email: string; address: string | null }): Promise<{ refused: boolean; send: boolean }> {
  const limiters = await resetLimiters();
  if (!(await take(limiters.server, "all")) || (address !== null && !(await take(limiters.address, address)))) return { refused: true, send: false };
  return { refused: false, send: await take(limiters.email, email) };
}
