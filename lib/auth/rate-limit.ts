import "server-only";
import { isIP } from "node:net";
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { createLimiter, limitersFor } from "./limiter-store";

/**
 * Sign-in throttling with rate-limiter-flexible, after OWASP's Authentication Cheat Sheet
 * ("Protect against automated attacks", "Account lockout"). Rules that always hold:
 * - The hard lock (429 + Retry-After, even with the right password) is per account and address
 *   (MASTHEAD_LOGIN_MAX_PER_ACCOUNT failures) and per account from every address together
 *   (MASTHEAD_LOGIN_MAX_PER_ACCOUNT_TOTAL, 4× that by default). Guessing at one account can
 *   lock that account for one window; nothing locks any other.
 * - An address never locks anyone out. Past MASTHEAD_LOGIN_MAX_PER_ADDRESS failures in a
 *   window, its *failures* are answered after a growing delay (to MAX_DELAY_MS); a right
 *   password is never delayed or refused for its address (a school's students share one NAT).
 * - There is no shared fallback key: with no trusted proxy the server cannot know the client's
 *   address (Next hands route handlers no socket, and keeps any X-Forwarded-For a client
 *   sends), so there is no per-address bucket at all. IPv6 addresses count by their /64.
 * Every attempt takes its points *before* the password is checked, so a parallel burst cannot
 * all slip past a check made before any of them failed. On SQLite kept in memory (one server
 * process; a restart only forgives a few failures); on PostgreSQL in the database, so every
 * instance counts the same attempts (lib/auth/limiter-store.ts).
 */
const WINDOW_S = Number(process.env.MASTHEAD_LOGIN_WINDOW_S ?? 15 * 60);
const PER_ACCOUNT = Number(process.env.MASTHEAD_LOGIN_MAX_PER_ACCOUNT ?? 5);
const PER_ACCOUNT_TOTAL = Number(process.env.MASTHEAD_LOGIN_MAX_PER_ACCOUNT_TOTAL ?? PER_ACCOUNT * 4);
const PER_ADDRESS = Number(process.env.MASTHEAD_LOGIN_MAX_PER_ADDRESS ?? 30);
const FIRST_DELAY_MS = 250;
export const MAX_DELAY_MS = 10_000;

const signInLimiters = () =>
  limitersFor("mastheadLimiters", (pool) => ({
    accountAddress: createLimiter(pool, { keyPrefix: "login-account-address", points: PER_ACCOUNT, duration: WINDOW_S, blockDuration: WINDOW_S }),
    account: createLimiter(pool, { keyPrefix: "login-account", points: PER_ACCOUNT_TOTAL, duration: WINDOW_S, blockDuration: WINDOW_S }),
    // A counter, never a lock: its count only sets the delay of failures.
    address: createLimiter(pool, { keyPrefix: "login-address", points: Number.MAX_SAFE_INTEGER, duration: WINDOW_S }),
  }));

/** `address` is null when the client's address is not known (no trusted proxy). */
export type Attempt = { email: string; address: string | null };
/** `retryAfter` > 0: refused, wait that many seconds. Else go ahead; a failure is answered after `failureDelayMs`. */
export type SignInGate = { retryAfter: number; failureDelayMs: number };

const accountAddressKey = ({ email, address }: Attempt) => `${email}\n${address ?? ""}`;

/** Seconds to wait from a refused consume(); rethrows anything that is not a refusal. */
function refusal(error: unknown): number {
  if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
  throw error;
}

/** The delay for the nth attempt from one address in a window: none up to the limit, then doubling. */
export function failureDelayMs(attempts: number, perAddress: number = PER_ADDRESS): number {
  if (attempts <= perAddress) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(16, attempts - perAddress - 1));
}

/** Count one sign-in attempt before the password is checked. */
export async function beginSignInAttempt(attempt: Attempt): Promise<SignInGate> {
  const limiters = await signInLimiters();
  let failureDelay = 0;
  if (attempt.address !== null) failureDelay = failureDelayMs((await limiters.address.consume(attempt.address)).consumedPoints);
  for (const [limiter, key] of [
    [limiters.accountAddress, accountAddressKey(attempt)],
    [limiters.account, attempt.email],
  ] as const) {
    try {
      await limiter.consume(key);
    } catch (error) {
      return { retryAfter: refusal(error), failureDelayMs: 0 };
    }
  }
  return { retryAfter: 0, failureDelayMs: failureDelay };
}

/** Return one point, never below zero: a window that has already ended banks no credit. */
async function giveBack(limiter: RateLimiterAbstract, key: string): Promise<void> {
  const current = await limiter.get(key);
  if (current && current.consumedPoints > 0) await limiter.reward(key);
}

/**
 * The attempt signed in: this account from this address starts afresh, and the account-wide
 * and address counts get their point back. Failures from other addresses stay counted, so an
 * attacker's progress on the account is not wiped by its owner signing in.
 */
export async function signInSucceeded(attempt: Attempt): Promise<void> {
  const limiters = await signInLimiters();
  await Promise.all([
    limiters.accountAddress.delete(accountAddressKey(attempt)),
    giveBack(limiters.account, attempt.email),
    attempt.address === null ? null : giveBack(limiters.address, attempt.address),
  ]);
}

/** The attempt never reached the password check (e.g. no CSRF token): it counts for nothing. */
export async function signInNotChecked(attempt: Attempt): Promise<void> {
  const limiters = await signInLimiters();
  await Promise.all([
    giveBack(limiters.accountAddress, accountAddressKey(attempt)),
    giveBack(limiters.account, attempt.email),
    attempt.address === null ? null : giveBack(limiters.address, attempt.address),
  ]);
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
 * The client address the per-address count uses, or null when it is not known.
 * - No trusted proxy: X-Forwarded-For is the client's own claim (Next.js keeps a header the
 *   client sent), so it is ignored, and there is no address.
 * - N trusted proxies: each appends (or the edge replaces) one entry, so the Nth entry from the
 *   right is the address the outermost trusted proxy saw; entries left of it are the client's.
 */
export function clientAddress(headers: Headers, proxies: number = trustedProxies()): string | null {
  if (proxies === 0) return null;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  return addressKey(hops[Math.max(0, hops.length - proxies)]!);
}

/**
 * One bucket per client: an IPv4 address as it is, an IPv6 address by its /64 (one household
 * or one machine gets a whole /64, and can pick any address in it). Ports, brackets, zone ids
 * and the IPv4-mapped prefix are dropped; anything that is not an address is null.
 */
export function addressKey(raw: string): string | null {
  let s = raw.trim().slice(0, 100);
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(s);
  if (mapped) s = mapped[1]!;
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind !== 6) return null;
  return `${expandIPv6(s).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros. */
function expandIPv6(s: string): string[] {
  // A trailing dotted quad (::1.2.3.4) is two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16).toString(16));
}

// Second-factor codes are guessed like passwords (a million six-digit codes, three valid at a
// time): the same per-account budget and window, counted before the code is checked.
const codeLimiter = () => limitersFor("mastheadCodeLimiter", (pool) => createLimiter(pool, { keyPrefix: "second-factor", points: PER_ACCOUNT, duration: WINDOW_S, blockDuration: WINDOW_S }));

/** Count one second-factor code for an account; > 0: refused, wait that many seconds. */
export async function beginCodeAttempt(userId: string): Promise<number> {
  try {
    await (await codeLimiter()).consume(userId);
    return 0;
  } catch (error) {
    return refusal(error);
  }
}

/** A right code: the account's count starts afresh. */
export async function codeSucceeded(userId: string): Promise<void> {
  await (await codeLimiter()).delete(userId);
}

export function tooManyCodesMessage(seconds: number): string {
  return tooManyAttemptsMessage(seconds).replace("sign-in attempts", "codes");
}
