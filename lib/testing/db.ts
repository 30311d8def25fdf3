/**
 * Helpers for integration tests against the real SQLite database made by global-setup.ts.
 * Import this module FIRST in a test file: it refuses to run unless the worker's DATABASE_URL
 * is the temp database, so a test can never write to data/masthead.db.
 *
 * Every test file shares one database file, so everything made here has a random suffix.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject, vi } from "vitest";
import { isPostgresUrl } from "@/lib/config";
import type { Actor, ReviewPolicy, Role } from "@/lib/auth/policy";

const expectedUrl = inject("testDatabaseUrl");
if (!expectedUrl || process.env.DATABASE_URL !== expectedUrl) {
  throw new Error(
    `Refusing to run: DATABASE_URL is ${JSON.stringify(process.env.DATABASE_URL)}, not the test database ${JSON.stringify(expectedUrl)}.`,
  );
}
if (process.env.MASTHEAD_DATA_DIR !== inject("testDataDir")) {
  throw new Error("Refusing to run: MASTHEAD_DATA_DIR is not the test data directory.");
}

// Loaded lazily so that the check above always runs before the Prisma client is created.
let shared: Promise<typeof import("@/lib/data/db").db> | null = null;
function client() {
  shared ??= import("@/lib/data/db").then((m) => m.db);
  return shared;
}

/** A short random suffix for unique emails, slugs and names. */
export function uniq(): string {
  return randomBytes(5).toString("hex");
}

export const TEST_PASSWORD = "correct horse battery staple";
let testPasswordHash: Promise<string> | null = null;

function passwordHashFor(password: string): Promise<string> {
  if (password !== TEST_PASSWORD) return import("@/lib/auth/password").then((m) => m.hashPassword(password));
  testPasswordHash ??= import("@/lib/auth/password").then((m) => m.hashPassword(TEST_PASSWORD));
  return testPasswordHash;
}

export type TestUser = { userId: string; personId: string; email: string; fullName: string; role: Role };

/** A Person and its User account, made directly with Prisma. */
export async function createTestUser(
  opts: { role?: Role; fullName?: string; password?: string; active?: boolean; graduationYear?: number | null } = {},
): Promise<TestUser> {
  const db = await client();
  const suffix = uniq();
  const role = opts.role ?? "WRITER";
  const fullName = opts.fullName ?? `Test ${role.toLowerCase()} ${suffix}`;
  const email = `${role.toLowerCase()}-${suffix}@test.example`;
  const passwordHash = await passwordHashFor(opts.password ?? TEST_PASSWORD);
  const person = await db.person.create({
    data: { fullName, slug: `person-${suffix}`, graduationYear: opts.graduationYear ?? null },
  });
  const user = await db.user.create({
    data: { email, passwordHash, role, active: opts.active ?? true, personId: person.id },
    select: { id: true },
  });
  return { userId: user.id, personId: person.id, email, fullName, role };
}

/** The actor object the session layer would build for this user under `reviewPolicy`. */
export function actorFor(user: TestUser, reviewPolicy: ReviewPolicy = "ADVISER_APPROVES"): Actor {
  return { userId: user.userId, personId: user.personId, role: user.role, reviewPolicy };
}

/** Set the publication's review policy (the single Publication row, id 1). */
export async function setReviewPolicy(reviewPolicy: ReviewPolicy): Promise<void> {
  const db = await client();
  await db.publication.upsert({
    where: { id: 1 },
    update: { reviewPolicy },
    create: { id: 1, name: "The Test Gazette", reviewPolicy },
  });
}

export async function createTestSection(): Promise<{ id: string; slug: string; name: string }> {
  const db = await client();
  const suffix = uniq();
  return db.section.create({ data: { name: `Section ${suffix}`, slug: `section-${suffix}` }, select: { id: true, slug: true, name: true } });
}

type DataModules = {
  db: typeof import("@/lib/data/db").db;
  users: typeof import("@/lib/data/users");
  /** First-run setup, unwrapped (its data), against the empty database. */
  createFirstAdviser: (input: import("@/lib/validation/user").TSetup) => Promise<{ id: string }>;
  /** The fresh module graph's own AppError class (instanceof needs the same class). */
  AppError: typeof import("@/lib/errors").AppError;
};

/**
 * A new empty, migrated database of its own: a copy of the SQLite template file, or on
 * PostgreSQL a database made from the cluster's template (CREATE DATABASE … TEMPLATE copies it
 * whole, faster than migrating). `drop` removes a PostgreSQL copy; a SQLite file goes with the
 * test data directory.
 */
export async function copyEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = inject("emptyDatabaseTemplate");
  if (!isPostgresUrl(template)) {
    const file = path.join(inject("testDataDir"), `empty-${uniq()}.db`);
    copyFileSync(template, file);
    return { url: `file:${file}`, drop: async () => {} };
  }
  const templateUrl = new URL(template);
  const name = `empty_${uniq()}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: template.replace(/\/[^/]*$/, "/postgres") });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE "${name}" TEMPLATE "${templateUrl.pathname.slice(1)}"`);
  const url = new URL(template);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE "${name}" WITH (FORCE)`) };
}

/**
 * Run `fn` against a brand-new, empty (but migrated) database of its own, for behaviour that
 * depends on there being no rows at all, such as first-run setup. The lib/data modules are
 * loaded afresh against that file; the shared test database and its client are restored after.
 */
export async function withEmptyDatabase<T>(fn: (modules: DataModules) => Promise<T>): Promise<T> {
  await client(); // make sure the shared client exists, so it can be put back
  const globals = globalThis as unknown as { mastheadPrisma?: unknown };
  const sharedClient = globals.mastheadPrisma;
  const sharedUrl = process.env.DATABASE_URL;
  const empty = await copyEmptyDatabase();

  process.env.DATABASE_URL = empty.url;
  delete globals.mastheadPrisma;
  vi.resetModules();
  let modules: DataModules | null = null;
  try {
    modules = {
      db: (await import("@/lib/data/db")).db,
      users: await import("@/lib/data/users"),
      createFirstAdviser: await import("@/lib/use-cases/accounts/create-first-adviser").then((m) => async (input) => (await m.createFirstAdviser({ input })).data),
      AppError: (await import("@/lib/errors")).AppError,
    };
    return await fn(modules);
  } finally {
    await modules?.db.$disconnect();
    process.env.DATABASE_URL = sharedUrl;
    globals.mastheadPrisma = sharedClient;
    vi.resetModules();
    await empty.drop();
  }
}

/**
 * A second "app instance" on the shared test database: the lib modules loaded afresh, so it has
 * its own Prisma client and connection, as a second server process would. `load` imports what
 * the test needs from that module graph; the shared client is put back afterwards.
 */
export async function withSecondInstance<M, T>(load: () => Promise<M>, fn: (modules: M) => Promise<T>): Promise<T> {
  await client();
  const globals = globalThis as unknown as { mastheadPrisma?: { $disconnect(): Promise<void> } };
  const sharedClient = globals.mastheadPrisma;
  delete globals.mastheadPrisma;
  vi.resetModules();
  let second: { $disconnect(): Promise<void> } | undefined;
  try {
    const modules = await load();
    second = globals.mastheadPrisma;
    globals.mastheadPrisma = sharedClient;
    return await fn(modules);
  } finally {
    if (second && second !== sharedClient) await second.$disconnect();
    globals.mastheadPrisma = sharedClient;
    vi.resetModules();
  }
}

/**
 * A real failure of the database: until the returned function is called, every UPDATE of the
 * row `id` of `table` aborts with `message` (a trigger, in each engine's own dialect). Names
 * are quoted identifiers from the test itself, never user input.
 */
export async function failUpdatesOf(table: string, id: string, message = "disk full"): Promise<() => Promise<void>> {
  const db = await client();
  const { engine } = await import("@/lib/data/db");
  const name = `fail_${table.toLowerCase()}_${uniq()}`;
  const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
  if (engine === "postgres") {
    await db.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION ${literal(message)}; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE UPDATE ON "${table}" FOR EACH ROW WHEN (OLD."id" = ${literal(id)}) EXECUTE FUNCTION ${name}()`);
    return async () => {
      await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
    };
  }
  await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE UPDATE ON "${table}" WHEN OLD."id" = ${literal(id)} BEGIN SELECT RAISE(ABORT, ${literal(message)}); END`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER ${name}`);
  };
}

/**
 * Like failUpdatesOf, for inserts and deletes: until the returned function is called, every
 * INSERT or DELETE of a row of `table` whose `column` is `value` aborts with `message` (a trigger
 * per event). For tests that a write leaves those rows alone.
 */
export async function failInsertsAndDeletesOf(table: string, column: string, value: string, message = "rows touched"): Promise<() => Promise<void>> {
  const db = await client();
  const { engine } = await import("@/lib/data/db");
  const name = `fail_rows_${table.toLowerCase()}_${uniq()}`;
  const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const events = [
    ["INSERT", "NEW"],
    ["DELETE", "OLD"],
  ] as const;
  if (engine === "postgres") {
    await db.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION ${literal(message)}; END $$`);
    for (const [event, row] of events) {
      await db.$executeRawUnsafe(`CREATE TRIGGER ${name}_${event.toLowerCase()} BEFORE ${event} ON "${table}" FOR EACH ROW WHEN (${row}."${column}" = ${literal(value)}) EXECUTE FUNCTION ${name}()`);
    }
    return async () => {
      for (const [event] of events) await db.$executeRawUnsafe(`DROP TRIGGER ${name}_${event.toLowerCase()} ON "${table}"`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
    };
  }
  for (const [event, row] of events) {
    await db.$executeRawUnsafe(`CREATE TRIGGER ${name}_${event.toLowerCase()} BEFORE ${event} ON "${table}" WHEN ${row}."${column}" = ${literal(value)} BEGIN SELECT RAISE(ABORT, ${literal(message)}); END`);
  }
  return async () => {
    for (const [event] of events) await db.$executeRawUnsafe(`DROP TRIGGER ${name}_${event.toLowerCase()}`);
  };
}
