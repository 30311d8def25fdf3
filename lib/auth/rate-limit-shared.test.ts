import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PgCluster } from "../../scripts/lib/pg-cluster";
import { startTestPgCluster } from "../../scripts/lib/pg-test-cluster";

/**
 * Two app instances on one PostgreSQL database (a private cluster started here, so this runs in
 * the ordinary unit suite too): each has its own module graph, Prisma client and pool, as two
 * server processes would, and their limits count the same attempts.
 */
type Instance = { rl: typeof import("./rate-limit"); reset: typeof import("./password-reset-limit"); db: typeof import("@/lib/data/db") };

const globals = globalThis as unknown as { mastheadPrisma?: { $disconnect(): Promise<void> } };
const saved = { url: process.env.DATABASE_URL, client: globals.mastheadPrisma };
let cluster: PgCluster;
let one: Instance;
let two: Instance;

async function startInstance(): Promise<Instance> {
  delete globals.mastheadPrisma;
  vi.resetModules();
  return { rl: await import("./rate-limit"), reset: await import("./password-reset-limit"), db: await import("@/lib/data/db") };
}

beforeAll(async () => {
  cluster = await startTestPgCluster();
  process.env.DATABASE_URL = cluster.url;
  vi.stubEnv("MASTHEAD_LOGIN_MAX_PER_ACCOUNT", "5");
  vi.stubEnv("MASTHEAD_LOGIN_MAX_PER_ACCOUNT_TOTAL", "8");
  vi.stubEnv("MASTHEAD_LOGIN_WINDOW_S", "600");
  vi.stubEnv("MASTHEAD_RESET_MAX_PER_HOUR", "4");
  one = await startInstance();
  two = await startInstance();
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  for (const i of [one, two]) {
    await i?.db.db.$disconnect();
    const pool = i?.db.pgPoolOf(i.db.db);
    if (pool && !pool.ended) await pool.end();
  }
  process.env.DATABASE_URL = saved.url;
  globals.mastheadPrisma = saved.client;
  cluster?.stop();
});

describe("rate limits shared by instances (PostgreSQL store)", () => {
  it("the two instances have their own clients and pools on the one database", () => {
    expect(one.db.engine).toBe("postgres");
    expect(one.db.db).not.toBe(two.db.db);
    expect(one.db.pgPoolOf()).not.toBeNull();
    expect(one.db.pgPoolOf(one.db.db)).not.toBe(two.db.pgPoolOf(two.db.db));
  });

  it("attempts on instance 1 and instance 2 reach one limit: the sixth is refused on either", async () => {
    const attempt = { email: "shared@school.example", address: "203.0.113.7" };
    for (let i = 0; i < 3; i++) expect((await one.rl.beginSignInAttempt(attempt)).retryAfter).toBe(0);
    for (let i = 0; i < 2; i++) expect((await two.rl.beginSignInAttempt(attempt)).retryAfter).toBe(0);
    expect((await one.rl.beginSignInAttempt(attempt)).retryAfter).toBeGreaterThan(500);
    expect((await two.rl.beginSignInAttempt(attempt)).retryAfter).toBeGreaterThan(500);
  });

  it("the account-wide limit counts every address on every instance", async () => {
    const email = "victim@school.example";
    for (let i = 0; i < 4; i++) expect((await one.rl.beginSignInAttempt({ email, address: `192.0.2.${i}` })).retryAfter).toBe(0);
    for (let i = 4; i < 8; i++) expect((await two.rl.beginSignInAttempt({ email, address: `192.0.2.${i}` })).retryAfter).toBe(0);
    expect((await one.rl.beginSignInAttempt({ email, address: "192.0.2.200" })).retryAfter).toBeGreaterThan(0);
  });

  it("a success on one instance clears that account and address on the other", async () => {
    const attempt = { email: "owner@school.example", address: "198.51.100.4" };
    for (let i = 0; i < 5; i++) await one.rl.beginSignInAttempt(attempt);
    await two.rl.signInSucceeded(attempt);
    expect((await one.rl.beginSignInAttempt(attempt)).retryAfter).toBe(0);
  });

  it("second-factor codes and reset requests are counted across instances too", async () => {
    for (let i = 0; i < 5; i++) expect(await (i % 2 ? two : one).rl.beginCodeAttempt("user-1")).toBe(0);
    expect(await two.rl.beginCodeAttempt("user-1")).toBeGreaterThan(0);
    const ask = (i: Instance, n: number) => i.reset.admitResetRequest({ email: `r${n}@school.example`, address: null });
    for (let n = 0; n < 4; n++) expect((await ask(n % 2 ? two : one, n)).refused).toBe(false);
    expect((await ask(one, 5)).refused).toBe(true);
  });
});
