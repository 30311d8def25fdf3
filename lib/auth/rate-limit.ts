import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Sign-in throttling with rate-limiter-flexible, per account and per client address. Every
 * attempt takes a point *before* the password is checked, so a burst of parallel guesses cannot
 * all slip past a check made before any of them failed. Past the limit, attempts get 429 with a
 * retry time, even with the right password, until the window ends. A success clears the
 * account's count and gives the address its point back (many students share a school's address).
 * Kept in memory: one server process, and a restart only forgives a few failures.
 */
const WINDOW_S = Number(process.env.MASTHEAD_LOGIN_WINDOW_S ?? 15 * 60);
const PER_ACCOUNT = Number(process.env.MASTHEAD_LOGIN_MAX_PER_ACCOUNT ?? 5);
const PER_ADDRESS = Number(process.env.MASTHEAD_LOGIN_MAX_PER_ADDRESS ?? 30);

const limiters = ((globalThis as unknown as { mastheadLimiters?: { account: RateLimiterMemory; address: RateLimiterMemory } }).mastheadLimiters ??= {
  account: new RateLimiterMemory({ keyPrefix: "login-account", points: PER_ACCOUNT, duration: WINDOW_S, blockDuration: WINDOW_S }),
  address: new RateLimiterMemory({ keyPrefix: "login-address", points: PER_ADDRESS, duration: WINDOW_S, blockDuration: WINDOW_S }),
});

type Attempt = { email: string; address: string };

/** Seconds to wait from a refused consume(); rethrows anything that is not a refusal. */
function refusal(error: unknown): number {
  if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
  throw error;
}

/**
 * Count one sign-in attempt before the password is checked. Returns 0 when it may go ahead,
 * else the seconds until this address or account may try again (the attempt is refused).
 */
export async function beginSignInAttempt({ email, address }: Attempt): Promise<number> {
  try {
    await limiters.address.consume(address);
  } catch (error) {
    return refusal(error);
  }
  try {
    await limiters.account.consume(email);
  } catch (error) {
    return refusal(error);
  }
  return 0;
}

/** Return one point, never below zero: a window that has already ended banks no credit. */
async function giveBack(limiter: RateLimiterMemory, key: string): Promise<void> {
  const current = await limiter.get(key);
  if (current && current.consumedPoints > 0) await limiter.reward(key);
}

/** The attempt signed in: the account starts afresh and the address gets its point back. */
export async function signInSucceeded({ email, address }: Attempt): Promise<void> {
  await Promise.all([limiters.account.delete(email), giveBack(limiters.address, address)]);
}

/** The attempt never reached the password check (e.g. no CSRF token): it counts for nothing. */
export async function signInNotChecked({ email, address }: Attempt): Promise<void> {
  await Promise.all([giveBack(limiters.account, email), giveBack(limiters.address, address)]);
}

/** What the sign-in form shows on a 429: the real wait, in seconds or minutes. */
export function tooManyAttemptsMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `Too many sign-in attempts. Try again in ${wait}.`;
}

/**
 * How many reverse proxies stand in front of the server (`MASTHEAD_TRUSTED_PROXIES`, default
 * 0). Only then is X-Forwarded-For believed: without a proxy, any client can write that header.
 */
export function trustedProxies(): number {
  const n = Number(process.env.MASTHEAD_TRUSTED_PROXIES ?? 0);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10) : 0;
}

/**
 * The client address the rate limit counts against.
 * - No trusted proxy: X-Forwarded-For is the client's own claim (Next.js keeps a header the
 *   client sent), so it is ignored and every request counts as "direct". The server listens on
 *   127.0.0.1, so a direct client is this machine, or a proxy nobody told us about.
 * - N trusted proxies: each appends (or the edge replaces) one entry, so the Nth entry from the
 *   right is the address the outermost trusted proxy saw; entries left of it are the client's.
 */
export function clientAddress(headers: Headers, proxies: number = trustedProxies()): string {
  if (proxies === 0) return "direct";
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length === 0) return "direct";
  return hops[Math.max(0, hops.length - proxies)]!.slice(0, 64);
}
