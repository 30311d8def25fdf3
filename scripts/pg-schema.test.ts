/**
 * prisma/postgres is derived from prisma/schema.prisma (scripts/lib/pg-schema.ts), and its
 * migrations are append-only: an install that applied a folder never applies it again. A schema
 * change without `npm run db:pg-schema`, a rewritten shipped folder, or an extras.sql change with
 * no delta in a new folder fails here. The databases are a private cluster's (scripts/lib/pg-test-cluster.ts),
 * on either engine's run.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgCluster } from "./lib/pg-cluster";
import { migratePostgres } from "./lib/pg-migrate";
import { derivePgSchema, freshPgSql, generatePgMigrations, hashMigration, PG_SCHEMA, pgMigrationNames, pgPaths, readManifest, repinNewest, root } from "./lib/pg-schema";
import { startTestPgCluster } from "./lib/pg-test-cluster";

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

let cluster: PgCluster;
let databases = 0;

/** A new empty database in the test's cluster. */
async function createDatabase(): Promise<string> {
  const name = `schema_check_${++databases}`;
  await query(cluster.url, `CREATE DATABASE "${name}"`);
  return cluster.url.replace(/\/[^/]+$/, `/${name}`);
}

/**
 * What a database is, in a form two databases can be compared by: columns (order left out, as
 * ALTER TABLE appends), indexes, constraints, triggers, functions and enum labels (sorted: a
 * value Prisma adds is appended). Migration bookkeeping is left out.
 */
async function shapeOf(url: string): Promise<Record<string, string[]>> {
  const rows = async (sql: string) => (await query(url, sql)).map((r) => Object.values(r).map(String).join(" | ")).sort();
  return {
    columns: await rows(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, is_generated, generation_expression
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_masthead_migrations'`,
    ),
    indexes: await rows(`SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_masthead_migrations'`),
    constraints: await rows(
      `SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid IS DISTINCT FROM to_regclass('"_masthead_migrations"')`,
    ),
    triggers: await rows(`SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal`),
    functions: await rows(`SELECT proname, pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = 'public'::regnamespace`),
    enums: await rows(
      `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumlabel) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    ),
  };
}

/** A fresh install of `prismaDir`'s derived schema: the whole schema at once, plus extras.sql. */
async function freshShape(prismaDir?: string): Promise<Record<string, string[]>> {
  const url = await createDatabase();
  await query(url, freshPgSql(pgPaths(prismaDir).schema, prismaDir));
  return shapeOf(url);
}

beforeAll(async () => {
  cluster = await startTestPgCluster({ migrate: false });
}, 120_000);

afterAll(() => cluster?.stop());

describe("the PostgreSQL schema", () => {
  it("is up to date with prisma/schema.prisma (run `npm run db:pg-schema`)", () => {
    expect(readFileSync(PG_SCHEMA, "utf8")).toBe(derivePgSchema());
  });

  it("keeps every shipped migration as it was pinned (folders are never rewritten: add a new one)", () => {
    const pins = readManifest();
    const names = pgMigrationNames();
    expect(names[0]).toBe("0_init");
    expect([...pins.keys()].sort()).toEqual(names);
    for (const name of names) expect({ name, sha256: hashMigration(undefined, name) }).toEqual({ name, sha256: pins.get(name) });
  });

  it("applied in order to an empty database, its migrations build exactly the derived schema plus extras.sql", async () => {
    const migrated = await createDatabase();
    expect(await migratePostgres(migrated)).toEqual(pgMigrationNames());
    expect(await shapeOf(migrated)).toEqual(await freshShape());
  }, 120_000);
});

describe("npm run db:pg-schema", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "masthead-pg-generator-"));
    for (const part of ["schema.prisma", "migrations", "postgres"]) cpSync(path.join(root, "prisma", part), path.join(dir, part), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("adds a folder for a schema change, leaves shipped ones alone, and an install upgrades through it keeping its rows", async () => {
    const paths = pgPaths(dir);
    const shipped = pgMigrationNames(dir);
    const shippedSql = shipped.map((name) => readFileSync(path.join(paths.migrations, name, "migration.sql"), "utf8"));

    // An install as it is today, with a row in it.
    const install = await createDatabase();
    expect(await migratePostgres(install, { dir: paths.migrations })).toEqual(shipped);
    await query(install, `INSERT INTO "Tag" ("id", "name", "slug") VALUES ('tag-1', 'Sports', 'sports')`);

    // A schema change (a column and a table) with its SQLite migration.
    const source = readFileSync(paths.source, "utf8");
    expect(source.split("model Tag {\n")).toHaveLength(2);
    writeFileSync(
      paths.source,
      source.replace("model Tag {\n", "model Tag {\n  synthNote String?\n  synthNotes SynthTagNote[]\n") +
        "\nmodel SynthTagNote {\n  id    String @id @default(cuid())\n  tagId String\n  tag   Tag    @relation(fields: [tagId], references: [id], onDelete: Cascade)\n\n  @@index([tagId])\n}\n",
    );
    // Without its SQLite migration, the generator refuses (the folder would have no name).
    expect(() => generatePgMigrations(dir)).toThrow(/no SQLite migration newer than/);
    mkdirSync(path.join(paths.sqliteMigrations, "99991231235959_synthetic_tag_notes"));
    writeFileSync(path.join(paths.sqliteMigrations, "99991231235959_synthetic_tag_notes", "migration.sql"), "-- the SQLite side (not read by the generator)\n");

    expect(generatePgMigrations(dir)).toEqual({ folder: "99991231235959_synthetic_tag_notes", schemaChanged: true });
    expect(readFileSync(paths.schema, "utf8")).toBe(derivePgSchema(dir));
    expect(pgMigrationNames(dir)).toEqual([...shipped, "99991231235959_synthetic_tag_notes"]);
    expect(shipped.map((name) => readFileSync(path.join(paths.migrations, name, "migration.sql"), "utf8"))).toEqual(shippedSql);
    const pins = readManifest(dir);
    expect(pins.get("99991231235959_synthetic_tag_notes")).toBe(hashMigration(dir, "99991231235959_synthetic_tag_notes"));
    expect(pins.get("0_init")).toBe(readManifest().get("0_init"));
    // Run again, nothing changes.
    expect(generatePgMigrations(dir)).toEqual({ folder: null, schemaChanged: false });

    // The install upgrades: the row is still there, the column and table exist.
    expect(await migratePostgres(install, { dir: paths.migrations })).toEqual(["99991231235959_synthetic_tag_notes"]);
    expect(await query(install, `SELECT "id", "name", "synthNote" FROM "Tag"`)).toEqual([{ id: "tag-1", name: "Sports", synthNote: null }]);
    await query(install, `INSERT INTO "SynthTagNote" ("id", "tagId") VALUES ('note-1', 'tag-1')`);
    expect(await query(install, `SELECT "tagId" FROM "SynthTagNote"`)).toEqual([{ tagId: "tag-1" }]);
    // And is what a fresh install of the new schema is.
    expect(await shapeOf(install)).toEqual(await freshShape(dir));

    // An extras.sql change with no delta in a new folder is a difference the check sees.
    writeFileSync(paths.extras, `${readFileSync(paths.extras, "utf8")}\nCREATE INDEX "Tag_synthNote_idx" ON "Tag" ("synthNote");\n`);
    expect(await shapeOf(install)).not.toEqual(await freshShape(dir));
    // The delta, by hand, at the end of the new folder (not yet shipped), re-pinned.
    const folder = path.join(paths.migrations, "99991231235959_synthetic_tag_notes", "migration.sql");
    writeFileSync(folder, `${readFileSync(folder, "utf8")}\nCREATE INDEX "Tag_synthNote_idx" ON "Tag" ("synthNote");\n`);
    expect(() => repinNewest("0_init", dir)).toThrow(/only the newest folder/);
    repinNewest("99991231235959_synthetic_tag_notes", dir);
    expect(readManifest(dir).get("99991231235959_synthetic_tag_notes")).toBe(hashMigration(dir, "99991231235959_synthetic_tag_notes"));
    const fresh = await createDatabase();
    await migratePostgres(fresh, { dir: paths.migrations });
    expect(await shapeOf(fresh)).toEqual(await freshShape(dir));
  }, 180_000);
});
