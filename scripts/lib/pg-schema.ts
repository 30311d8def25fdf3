/**
 * One schema source: prisma/schema.prisma (SQLite) is the truth; the PostgreSQL schema and its
 * migrations are derived from it. `npm run db:pg-schema` writes them; scripts/pg-schema.test.ts
 * fails when they are out of date.
 *
 * PostgreSQL migrations are append-only, as an install that applied a folder never applies it
 * again (scripts/lib/pg-migrate.ts):
 * - 0_init is frozen: it holds every SQLite migration up to INIT_COVERS, plus extras.sql as it was.
 * - A later schema change gets a NEW folder named after the SQLite migration that made it, holding
 *   `prisma migrate diff` from the committed prisma/postgres/schema.prisma to the new derived one.
 * - extras.sql (what Prisma's schema cannot express) always holds the full current extras, for a
 *   fresh install's reference; a change to it is written by hand, as a delta, at the end of the
 *   new folder's migration.sql. The test applies every folder in order to an empty database and
 *   compares it with the derived schema plus extras.sql, so a forgotten delta fails there.
 * - prisma/postgres/migrations.sha256 pins each folder's migration.sql; the generator adds the
 *   new folder's line, and `--pin <folder>` re-pins the newest folder after a hand-written delta.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");

/** The SQLite migrations 0_init holds (frozen with it). */
export const INIT_COVERS = "20261203040000_working_copy_beside_text";

/**
 * `migrate diff` reads no database, but prisma.config.ts still opens its SQLite adapter on
 * DATABASE_URL, which fails when that is a postgresql:// URL: give it memory.
 */
export const NO_DATABASE = { DATABASE_URL: "file::memory:" };

const HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:pg-schema`. Do not edit.\n";

/** The files of one prisma/ folder (the repository's, or a test's copy). */
export function pgPaths(prismaDir = path.join(root, "prisma")) {
  return {
    source: path.join(prismaDir, "schema.prisma"),
    sqliteMigrations: path.join(prismaDir, "migrations"),
    schema: path.join(prismaDir, "postgres", "schema.prisma"),
    extras: path.join(prismaDir, "postgres", "extras.sql"),
    migrations: path.join(prismaDir, "postgres", "migrations"),
    manifest: path.join(prismaDir, "postgres", "migrations.sha256"),
  };
}

export const PG_SCHEMA = pgPaths().schema;

export function derivePgSchema(prismaDir?: string): string {
  const source = readFileSync(pgPaths(prismaDir).source, "utf8");
  const out = source
    .replace('output     = "../lib/generated/prisma"', 'output     = "../../lib/generated/prisma-pg"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:../data/masthead.db"', 'url      = "postgresql://localhost/masthead"');
  if (!out.includes("prisma-pg") || !out.includes('"postgresql"')) throw new Error("prisma/schema.prisma's generator or datasource block changed; update scripts/lib/pg-schema.ts");
  return HEADER + out;
}

function migrateDiff(from: string[], to: string[]): string {
  return execFileSync("npx", ["prisma", "migrate", "diff", ...from, ...to, "--script"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...NO_DATABASE },
  }).trimEnd();
}

/**
 * What a fresh install must end up with: the whole derived schema (`schemaFile` holds
 * derivePgSchema()'s text) plus the current extras.sql. Never a migration itself: the test
 * compares the migrations' result with it.
 */
export function freshPgSql(schemaFile: string, prismaDir?: string): string {
  return `${migrateDiff(["--from-empty"], ["--to-schema-datamodel", schemaFile])}\n\n${readFileSync(pgPaths(prismaDir).extras, "utf8")}`;
}

/** The SQL from one derived schema to another, or null when the models did not change. */
export function diffPgSchemas(fromFile: string, toFile: string): string | null {
  const sql = migrateDiff(["--from-schema-datamodel", fromFile], ["--to-schema-datamodel", toFile]);
  return sql.includes("This is an empty migration.") ? null : sql;
}

/** The PostgreSQL migration folders, in the order they are applied. */
export function pgMigrationNames(prismaDir?: string): string[] {
  return readdirSync(pgPaths(prismaDir).migrations, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function hashMigration(prismaDir: string | undefined, name: string): string {
  return createHash("sha256").update(readFileSync(path.join(pgPaths(prismaDir).migrations, name, "migration.sql"))).digest("hex");
}

/** prisma/postgres/migrations.sha256, in `sha256sum` format: folder name -> hash. */
export function readManifest(prismaDir?: string): Map<string, string> {
  const file = pgPaths(prismaDir).manifest;
  const pins = new Map<string, string>();
  if (!existsSync(file)) return pins;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^([0-9a-f]{64}) {2}([^/]+)\/migration\.sql$/.exec(line);
    if (match) pins.set(match[2], match[1]);
  }
  return pins;
}

function writeManifest(prismaDir: string | undefined, pins: Map<string, string>) {
  const lines = [...pins].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, hash]) => `${hash}  ${name}/migration.sql`);
  writeFileSync(pgPaths(prismaDir).manifest, `${lines.join("\n")}\n`);
}

/** Pins the newest folder again, after a hand-written extras delta was added to it. */
export function repinNewest(name: string, prismaDir?: string) {
  const names = pgMigrationNames(prismaDir);
  if (name !== names.at(-1) || name === "0_init") {
    throw new Error(`only the newest folder (${names.at(-1)}) may be re-pinned, and never 0_init: folders that shipped are never rewritten`);
  }
  const pins = readManifest(prismaDir);
  pins.set(name, hashMigration(prismaDir, name));
  writeManifest(prismaDir, pins);
}

export type PgGenerated = { folder: string | null; schemaChanged: boolean };

/**
 * `npm run db:pg-schema`: rewrites prisma/postgres/schema.prisma and, when the models changed,
 * adds prisma/postgres/migrations/<newest SQLite migration not yet mirrored>/migration.sql with
 * the diff from the committed derived schema. Existing folders are never touched.
 */
export function generatePgMigrations(prismaDir?: string): PgGenerated {
  const paths = pgPaths(prismaDir);
  const next = derivePgSchema(prismaDir);
  const previous = existsSync(paths.schema) ? readFileSync(paths.schema, "utf8") : null;
  if (previous === null) throw new Error(`${paths.schema} is missing; it is the schema the installs have (restore it from git)`);
  if (previous === next) return { folder: null, schemaChanged: false };

  const existing = pgMigrationNames(prismaDir);
  const mirrored = [INIT_COVERS, ...existing.filter((n) => n !== "0_init")].sort().at(-1)!;
  const sqlite = readdirSync(paths.sqliteMigrations, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const newest = sqlite.at(-1);
  const diffDir = mkdtempSync(path.join(tmpdir(), "masthead-pg-diff-"));
  const nextFile = path.join(diffDir, "next.prisma");
  writeFileSync(nextFile, next);
  let sql: string | null;
  try {
    sql = diffPgSchemas(paths.schema, nextFile);
  } finally {
    rmSync(diffDir, { recursive: true, force: true });
  }
  if (sql !== null) {
    if (!newest || newest <= mirrored) {
      throw new Error(
        `prisma/schema.prisma changed but no SQLite migration newer than ${mirrored} exists: add prisma/migrations/<timestamp>_<name>/ first ` +
          "(its name becomes the PostgreSQL folder's). To redo a PostgreSQL folder you have not committed: " +
          "`git checkout prisma/postgres`, delete the folder, and run `npm run db:pg-schema` again.",
      );
    }
    const folder = path.join(paths.migrations, newest);
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, "migration.sql"),
      `-- GENERATED by \`npm run db:pg-schema\` from prisma/schema.prisma (${newest}). Shipped folders are never rewritten.\n` +
        "-- A change to prisma/postgres/extras.sql goes at the end, by hand, as a delta; then `npm run db:pg-schema -- --pin <folder>`.\n" +
        `${sql}\n`,
    );
    const pins = readManifest(prismaDir);
    pins.set(newest, hashMigration(prismaDir, newest));
    writeManifest(prismaDir, pins);
  }
  writeFileSync(paths.schema, next);
  return { folder: sql === null ? null : newest!, schemaChanged: true };
}
