import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Sign-in throttling with rate-limiter-flexible: failures are counted per account and per
 * client address; past the limit, further attempts get 429 with a retry time, even with the
 * right password, until the window ends. A success clears the account's count.
 * Kept in memory: one server process, and a restart only forgives a few failures.
 */
const WINDOW_S = Number(process.env.MASTHEAD_LOGIN_WINDOW_S ?? 15 * 60);
const PER_ACCOUNT = Number(process.env.MASTHEAD_LOGIN_MAX_PER_ACCOUNT ?? 5);
const PER_ADDRESS = Number(process.env.MASTHEAD_LOGIN_MAX_PER_ADDRESS ?? 30);

const limiters = ((globalThis as unknown as { mastheadLimiters?: { account: RateLimiterMemory; address: RateLimiterMemory } }).mastheadLimiters ??= {
  account: new RateLimiterMemory({ keyPrefix: "login-account", points: PER_ACCOUNT, duration: WINDOW_S, blockDuration: WINDOW_S }),
  address: new RateLimiterMemory({ keyPrefix: "login-address", points: PER_ADDRESS, duration: WINDOW_S, blockDuration: WINDOW_S }),
});

/** Seconds until this account or address may try again; 0 when it may try now. */
export async function signInBlockedFor({ email, address }: { email: string; address: string }): Promise<number> {
  const [account, addr] = await Promise.all([limiters.account.get(email), limiters.address.get(address)]);
  const wait = (r: RateLimiterRes | null, max: number) => (r && r.consumedPoints >= max ? Math.ceil(r.msBeforeNext / 1000) : 0);
  return Math.max(wait(account, PER_ACCOUNT), wait(addr, PER_ADDRESS));
}

export async function recordSignInFailure({ email, address }: { email: string; address: string }): Promise<void> {
  // consume() rejects once the limit is passed; the block is what we want, not an error.
  await Promise.allSettled([limiters.account.consume(email), limiters.address.consume(address)]);
}

export async function recordSignInSuccess({ email }: { email: string }): Promise<void> {
  await limiters.account.delete(email);
}

/** The client address as the nearest proxy reports it; "direct" when there is none. */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "direct";
}
