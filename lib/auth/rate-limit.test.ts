import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type RateLimit = typeof import("./rate-limit");

/** A fresh copy of the module with its own limiters, read from these limits. */
async function loadWith(limits: { perAccount: number; perAddress: number; windowS: number; perAccountTotal?: number }): Promise<RateLimit> {
  if (limits.perAccountTotal) vi.stubEnv("MASTHEAD_LOGIN_MAX_PER_ACCOUNT_TOTAL", String(limits.perAccountTotal));
  vi.stubEnv("MASTHEAD_LOGIN_MAX_PER_ACCOUNT", String(limits.perAccount));
  vi.stubEnv("MASTHEAD_LOGIN_MAX_PER_ADDRESS", String(limits.perAddress));
  vi.stubEnv("MASTHEAD_LOGIN_WINDOW_S", String(limits.windowS));
  delete (globalThis as { mastheadLimiters?: unknown }).mastheadLimiters;
  vi.resetModules();
  await forgetStoredCounts();
  return import("./rate-limit");
}

/**
 * On PostgreSQL the counts live in the database (lib/auth/limiter-store.ts), where a fresh module
 * still finds the last test's: each test starts from none, as with fresh memory limiters.
 * Only this file signs in, so no other file's counts are touched.
 */
async function forgetStoredCounts() {
  const { pgPoolOf } = await import("@/lib/data/db");
  await pgPoolOf()?.query(`DELETE FROM "RateLimit" WHERE "key" LIKE 'login-%' OR "key" LIKE 'second-factor:%'`);
}

afterEach(() => {
  vi.unstubAllEnvs();
  delete (globalThis as { mastheadLimiters?: unknown }).mastheadLimiters;
});

describe("clientAddress", () => {
  let rl: RateLimit;
  beforeEach(async () => {
    rl = await loadWith({ perAccount: 5, perAddress: 30, windowS: 60 });
  });
  const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff, "x-real-ip": "198.51.100.9" });

  it("knows no address when no proxy is trusted (the default): no shared fallback bucket", () => {
    expect(rl.trustedProxies()).toBe(0);
    expect(rl.clientAddress(headers("203.0.113.7"))).toBeNull();
    expect(rl.clientAddress(headers("1.1.1.1, 2.2.2.2"))).toBeNull();
    expect(rl.clientAddress(headers())).toBeNull();
  });

  it("with trusted proxies, takes the address the outermost trusted proxy saw", () => {
    // One proxy that replaces the header, or one that appends to what the client sent.
    expect(rl.clientAddress(headers("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(rl.clientAddress(headers("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    // Two proxies: the second entry from the right; a client's own entries never count.
    expect(rl.clientAddress(headers("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(rl.clientAddress(headers("203.0.113.7"), 2)).toBe("203.0.113.7");
    expect(rl.clientAddress(headers(" , "), 1)).toBeNull();
    expect(rl.clientAddress(headers(), 1)).toBeNull();
    expect(rl.clientAddress(headers("not-an-address"), 1)).toBeNull();
  });

  it("keys IPv6 by its /64, and drops ports, brackets, zones and the IPv4-mapped prefix", () => {
    expect(rl.addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(rl.addressKey("2001:0db8:0001:0002::1")).toBe("2001:db8:1:2::/64");
    expect(rl.addressKey("[2001:db8:1:2::ffff]:443")).toBe("2001:db8:1:2::/64");
    expect(rl.addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rl.addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(rl.addressKey("::1")).toBe("0:0:0:0::/64");
    expect(rl.addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(rl.addressKey("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(rl.addressKey("")).toBeNull();
    expect(rl.addressKey("unknown")).toBeNull();
    // Any address in one /64 is the same client.
    expect(rl.clientAddress(headers("2001:db8:1:2::1"), 1)).toBe(rl.clientAddress(headers("2001:db8:1:2:ffff::9"), 1));
    expect(rl.clientAddress(headers("2001:db8:1:2::1"), 1)).not.toBe(rl.clientAddress(headers("2001:db8:1:3::1"), 1));
  });

  it("reads MASTHEAD_TRUSTED_PROXIES, refusing nonsense", () => {
    for (const [value, expected] of [["1", 1], ["2", 2], ["0", 0], ["-1", 0], ["yes", 0], ["1.5", 0], ["", 0]] as const) {
      vi.stubEnv("MASTHEAD_TRUSTED_PROXIES", value);
      expect(rl.trustedProxies(), value).toBe(expected);
    }
    vi.stubEnv("MASTHEAD_TRUSTED_PROXIES", "1");
    expect(rl.clientAddress(headers("6.6.6.6, 203.0.113.7"))).toBe("203.0.113.7");
  });
});

describe("tooManyAttemptsMessage", () => {
  it("says the real wait", async () => {
    const rl = await loadWith({ perAccount: 5, perAddress: 30, windowS: 60 });
    expect(rl.tooManyAttemptsMessage(1)).toBe("Too many sign-in attempts. Try again in 1 second.");
    expect(rl.tooManyAttemptsMessage(9)).toBe("Too many sign-in attempts. Try again in 9 seconds.");
    expect(rl.tooManyAttemptsMessage(60)).toBe("Too many sign-in attempts. Try again in 1 minute.");
    expect(rl.tooManyAttemptsMessage(61)).toBe("Too many sign-in attempts. Try again in 2 minutes.");
    expect(rl.tooManyAttemptsMessage(900)).toBe("Too many sign-in attempts. Try again in 15 minutes.");
  });
});

describe("sign-in attempts", () => {
  it("locks the account after the limit, with the window as the wait; other accounts are not locked", async () => {
    const rl = await loadWith({ perAccount: 3, perAddress: 100, windowS: 600 });
    const attempt = { email: "a@school.example", address: null };
    for (let i = 0; i < 3; i++) expect((await rl.beginSignInAttempt(attempt)).retryAfter).toBe(0);
    const { retryAfter } = await rl.beginSignInAttempt(attempt);
    expect(retryAfter).toBeGreaterThan(595);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await rl.beginSignInAttempt({ ...attempt, email: "b@school.example" })).retryAfter).toBe(0);
  });

  it("counts a parallel burst before any password is checked", async () => {
    const rl = await loadWith({ perAccount: 5, perAddress: 100, windowS: 600 });
    const results = await Promise.all(Array.from({ length: 40 }, () => rl.beginSignInAttempt({ email: "burst@school.example", address: null })));
    expect(results.filter((g) => g.retryAfter === 0)).toHaveLength(5);
  });

  it("an address that fails a lot only slows its failures down, with a growing delay, and never locks another account", async () => {
    const rl = await loadWith({ perAccount: 5, perAddress: 4, windowS: 600 });
    const at = (email: string) => ({ email, address: "203.0.113.7" });
    const delays: number[] = [];
    for (let i = 0; i < 30; i++) {
      const gate = await rl.beginSignInAttempt(at(`guess${i}@school.example`));
      expect(gate.retryAfter, `guess ${i}`).toBe(0);
      delays.push(gate.failureDelayMs);
    }
    expect(delays.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(delays.slice(4, 8)).toEqual([250, 500, 1000, 2000]);
    expect(delays.at(-1)).toBe(rl.MAX_DELAY_MS);
    // A student behind the same NAT still signs in.
    expect((await rl.beginSignInAttempt(at("student@school.example"))).retryAfter).toBe(0);
  });

  it("locks an account per address first, then from every address together", async () => {
    const rl = await loadWith({ perAccount: 2, perAddress: 100, windowS: 600, perAccountTotal: 5 });
    const victim = "victim@school.example";
    for (const address of ["198.51.100.1", "198.51.100.2"]) {
      for (let i = 0; i < 2; i++) expect((await rl.beginSignInAttempt({ email: victim, address })).retryAfter).toBe(0);
      expect((await rl.beginSignInAttempt({ email: victim, address })).retryAfter, address).toBeGreaterThan(0);
    }
    // The owner, from home, is not locked by those two addresses yet...
    expect((await rl.beginSignInAttempt({ email: victim, address: "192.0.2.10" })).retryAfter).toBe(0);
    // ...but the account-wide count is now full (2 + 2 + 1): every address must wait.
    expect((await rl.beginSignInAttempt({ email: victim, address: "192.0.2.11" })).retryAfter).toBeGreaterThan(0);
    expect((await rl.beginSignInAttempt({ email: "other@school.example", address: "198.51.100.1" })).retryAfter).toBe(0);
  });

  it("a success clears the account's failures from that address; an attempt that was never checked counts for nothing", async () => {
    const rl = await loadWith({ perAccount: 3, perAddress: 100, windowS: 600 });
    const attempt = { email: "c@school.example", address: "203.0.113.9" };
    for (let i = 0; i < 3; i++) expect((await rl.beginSignInAttempt(attempt)).retryAfter).toBe(0);
    await rl.signInSucceeded(attempt);
    for (let i = 0; i < 3; i++) {
      expect((await rl.beginSignInAttempt(attempt)).retryAfter).toBe(0);
      await rl.signInNotChecked(attempt);
    }
    for (let i = 0; i < 3; i++) expect((await rl.beginSignInAttempt(attempt)).retryAfter).toBe(0);
    expect((await rl.beginSignInAttempt(attempt)).retryAfter).toBeGreaterThan(0);
  });

  it("successes give the address its count back, so a school's NAT is never slowed by its own sign-ins", async () => {
    const rl = await loadWith({ perAccount: 5, perAddress: 2, windowS: 600 });
    for (let i = 0; i < 10; i++) {
      const at = { email: `student${i}@school.example`, address: "203.0.113.7" };
      expect(await rl.beginSignInAttempt(at)).toEqual({ retryAfter: 0, failureDelayMs: 0 });
      await rl.signInSucceeded(at);
    }
  });

  it("giving points back never banks extra attempts", async () => {
    const rl = await loadWith({ perAccount: 2, perAddress: 100, windowS: 600 });
    const attempt = { email: "d@school.example", address: null };
    for (let i = 0; i < 5; i++) {
      await rl.signInSucceeded(attempt);
      await rl.signInNotChecked(attempt);
    }
    for (let i = 0; i < 2; i++) expect((await rl.beginSignInAttempt(attempt)).retryAfter).toBe(0);
    expect((await rl.beginSignInAttempt(attempt)).retryAfter).toBeGreaterThan(0);
  });
});

describe("second-factor codes", () => {
  it("are counted per account like passwords: past the limit the right code waits too, and no other account does", async () => {
    delete (globalThis as { mastheadCodeLimiter?: unknown }).mastheadCodeLimiter;
    const rl = await loadWith({ perAccount: 3, perAddress: 30, windowS: 60 });
    for (let i = 0; i < 3; i++) expect(await rl.beginCodeAttempt("user-a")).toBe(0);
    const wait = await rl.beginCodeAttempt("user-a");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(rl.tooManyCodesMessage(wait)).toMatch(/^Too many codes\. Try again in \d+ (seconds?|minute)\.$/);
    expect(await rl.beginCodeAttempt("user-b")).toBe(0);
    // A right code before the limit starts the count afresh.
    await rl.codeSucceeded("user-b");
    for (let i = 0; i < 3; i++) expect(await rl.beginCodeAttempt("user-b")).toBe(0);
    delete (globalThis as { mastheadCodeLimiter?: unknown }).mastheadCodeLimiter;
  });
});
