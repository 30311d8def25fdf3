/**
 * Vitest global setup: one fresh, migrated SQLite database per `vitest run`, in a temp
 * directory that is removed afterwards. Tests never touch data/masthead.db.
 *
 * The location reaches the test workers two ways: process.env (set here, before the workers
 * are forked, so they inherit it) and `provide`, which lib/testing/db.ts checks against the
 * environment so that a worker pointed anywhere else refuses to run.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testDataDir: string;
    testDatabaseUrl: string;
    /**
     * A migrated database of the engine under test with no rows, to copy for tests that need
     * an empty install: a SQLite file, or on PostgreSQL the URL of a template database.
     */
    emptyDatabaseTemplate: string;
    /** A migrated, empty SQLite file on either engine's run (scripts/migrations.test.ts). */
    sqliteTemplate: string;
  }
}

const root = path.resolve(import.meta.dirname, "..", "..");

/** `prisma migrate deploy` into `file`. */
function migrateSqlite(file: string) {
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, MASTHEAD_DATA_DIR: path.dirname(file), DATABASE_URL: `file:${file}` },
      stdio: "pipe",
    });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`prisma migrate deploy failed:\n${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`);
  }
}

/**
 * MASTHEAD_TEST_ENGINE=postgres (`npm run test:unit:pg`): the same suite against a private
 * PostgreSQL cluster (scripts/lib/pg-cluster.ts), migrated with the derived migrations and
 * stopped at teardown. The empty template is a database of the cluster, `masthead_empty`.
 */
async function setupPostgres(project: TestProject) {
  const { startPgCluster } = await import("../../scripts/lib/pg-cluster");
  const { migratePostgres } = await import("../../scripts/lib/pg-migrate");
  const dir = mkdtempSync(path.join(tmpdir(), "masthead-test-"));
  const sqliteTemplate = path.join(dir, "empty-template.db");
  const cluster = await startPgCluster("masthead_test");
  const template = cluster.url.replace(/\/masthead_test$/, "/masthead_empty");
  try {
    migrateSqlite(sqliteTemplate);
    await migratePostgres(cluster.url);
    // The empty install, copied by CREATE DATABASE … TEMPLATE (lib/testing/db.ts), made before
    // any test writes a row.
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "masthead_empty" TEMPLATE "masthead_test"`);
    } finally {
      await client.end();
    }
  } catch (error) {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  process.env.MASTHEAD_DATA_DIR = dir;
  process.env.DATABASE_URL = cluster.url;
  project.provide("testDataDir", dir);
  project.provide("testDatabaseUrl", cluster.url);
  project.provide("emptyDatabaseTemplate", template);
  project.provide("sqliteTemplate", sqliteTemplate);
  return () => {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

export default function setup(project: TestProject) {
  if (process.env.MASTHEAD_TEST_ENGINE === "postgres") return setupPostgres(project);
  const dir = mkdtempSync(path.join(tmpdir(), "masthead-test-"));
  const file = path.join(dir, "test.db");
  const url = `file:${file}`;
  process.env.MASTHEAD_DATA_DIR = dir;
  process.env.DATABASE_URL = url;
  try {
    migrateSqlite(file);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const template = path.join(dir, "empty-template.db");
  copyFileSync(file, template);
  // As scripts/prepare.ts leaves every served database: WAL, so that a transaction's COMMIT
  // never waits for another connection's readers (the template stays a plain file to copy).
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();

  project.provide("testDataDir", dir);
  project.provide("testDatabaseUrl", url);
  project.provide("emptyDatabaseTemplate", template);
  project.provide("sqliteTemplate", template);

  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
