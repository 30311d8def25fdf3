import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type RateLimit = typeof import("./rate-limit");

/** A fresh copy of the module with its own limiters, read from these limits. */
async function loadWith(limits: { perAccount: number; perAddress: number; windowS: number }): Promise<RateLimit> {
  vi.stubEnv("MASTHEAD_LOGIN_MAX_PER_ACCOUNT", String(limits.perAccount));
  vi.stubEnv("MASTHEAD_LOGIN_MAX_PER_ADDRESS", String(limits.perAddress));
  vi.stubEnv("MASTHEAD_LOGIN_WINDOW_S", String(limits.windowS));
  delete (globalThis as { mastheadLimiters?: unknown }).mastheadLimiters;
  vi.resetModules();
  return import("./rate-limit");
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

  it("ignores X-Forwarded-For and X-Real-IP when no proxy is trusted (the default)", () => {
    expect(rl.trustedProxies()).toBe(0);
    expect(rl.clientAddress(headers("203.0.113.7"))).toBe("direct");
    expect(rl.clientAddress(headers("1.1.1.1, 2.2.2.2"))).toBe("direct");
    expect(rl.clientAddress(headers())).toBe("direct");
  });

  it("with trusted proxies, takes the address the outermost trusted proxy saw", () => {
    // One proxy that replaces the header, or one that appends to what the client sent.
    expect(rl.clientAddress(headers("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(rl.clientAddress(headers("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    // Two proxies: the second entry from the right; a client's own entries never count.
    expect(rl.clientAddress(headers("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(rl.clientAddress(headers("203.0.113.7"), 2)).toBe("203.0.113.7");
    expect(rl.clientAddress(headers(" , "), 1)).toBe("direct");
    expect(rl.clientAddress(headers(), 1)).toBe("direct");
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
  it("refuses the attempt after the limit, with the window as the wait", async () => {
    const rl = await loadWith({ perAccount: 3, perAddress: 100, windowS: 600 });
    const attempt = { email: "a@school.example", address: "direct" };
    for (let i = 0; i < 3; i++) expect(await rl.beginSignInAttempt(attempt)).toBe(0);
    const wait = await rl.beginSignInAttempt(attempt);
    expect(wait).toBeGreaterThan(595);
    expect(wait).toBeLessThanOrEqual(600);
    // Another account from the same address is not locked.
    expect(await rl.beginSignInAttempt({ ...attempt, email: "b@school.example" })).toBe(0);
  });

  it("counts a parallel burst before any password is checked", async () => {
    const rl = await loadWith({ perAccount: 5, perAddress: 100, windowS: 600 });
    const results = await Promise.all(Array.from({ length: 40 }, () => rl.beginSignInAttempt({ email: "burst@school.example", address: "direct" })));
    expect(results.filter((w) => w === 0)).toHaveLength(5);
  });

  it("limits an address across accounts, and a success gives its point back", async () => {
    const rl = await loadWith({ perAccount: 5, perAddress: 4, windowS: 600 });
    const at = (email: string) => ({ email, address: "203.0.113.7" });
    // Signing in successfully, again and again, never uses up the address (one school, one NAT).
    for (let i = 0; i < 10; i++) {
      expect(await rl.beginSignInAttempt(at(`student${i}@school.example`))).toBe(0);
      await rl.signInSucceeded(at(`student${i}@school.example`));
    }
    for (let i = 0; i < 4; i++) expect(await rl.beginSignInAttempt(at(`guess${i}@school.example`))).toBe(0);
    expect(await rl.beginSignInAttempt(at("someone-else@school.example"))).toBeGreaterThan(0);
    expect(await rl.beginSignInAttempt({ email: "someone-else@school.example", address: "198.51.100.1" })).toBe(0);
  });

  it("a success clears the account's failures; an attempt that was never checked counts for nothing", async () => {
    const rl = await loadWith({ perAccount: 3, perAddress: 100, windowS: 600 });
    const attempt = { email: "c@school.example", address: "direct" };
    for (let i = 0; i < 2; i++) expect(await rl.beginSignInAttempt(attempt)).toBe(0);
    expect(await rl.beginSignInAttempt(attempt)).toBe(0);
    await rl.signInSucceeded(attempt);
    for (let i = 0; i < 3; i++) {
      expect(await rl.beginSignInAttempt(attempt)).toBe(0);
      await rl.signInNotChecked(attempt);
    }
    for (let i = 0; i < 3; i++) expect(await rl.beginSignInAttempt(attempt)).toBe(0);
    expect(await rl.beginSignInAttempt(attempt)).toBeGreaterThan(0);
  });

  it("giving points back never banks extra attempts", async () => {
    const rl = await loadWith({ perAccount: 2, perAddress: 100, windowS: 600 });
    const attempt = { email: "d@school.example", address: "direct" };
    // Successes and unchecked attempts with nothing counted yet leave nothing to spend later.
    for (let i = 0; i < 5; i++) {
      await rl.signInSucceeded(attempt);
      await rl.signInNotChecked(attempt);
    }
    for (let i = 0; i < 2; i++) expect(await rl.beginSignInAttempt(attempt)).toBe(0);
    expect(await rl.beginSignInAttempt(attempt)).toBeGreaterThan(0);
  });
});
