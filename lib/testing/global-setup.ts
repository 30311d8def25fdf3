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
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testDataDir: string;
    testDatabaseUrl: string;
    /** A migrated database with no rows, to copy for tests that need an empty install. */
    emptyDatabaseTemplate: string;
  }
}

/**
 * MASTHEAD_TEST_ENGINE=postgres (`npm run test:unit:pg`): the same suite against a private
 * PostgreSQL cluster (scripts/lib/pg-cluster.ts), migrated with the derived migrations and
 * stopped at teardown. The SQLite empty template is still made, for the tests that copy it.
 */
async function setupPostgres(project: TestProject) {
  const { startPgCluster } = await import("../../scripts/lib/pg-cluster");
  const { migratePostgres } = await import("../../scripts/lib/pg-migrate");
  const dir = mkdtempSync(path.join(tmpdir(), "masthead-test-"));
  const cluster = await startPgCluster("masthead_test");
  try {
    await migratePostgres(cluster.url);
  } catch (error) {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  process.env.MASTHEAD_DATA_DIR = dir;
  process.env.DATABASE_URL = cluster.url;
  project.provide("testDataDir", dir);
  project.provide("testDatabaseUrl", cluster.url);
  project.provide("emptyDatabaseTemplate", "");
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

  const root = path.resolve(import.meta.dirname, "..", "..");
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, MASTHEAD_DATA_DIR: dir, DATABASE_URL: url },
      stdio: "pipe",
    });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`prisma migrate deploy failed:\n${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`);
  }

  const template = path.join(dir, "empty-template.db");
  copyFileSync(file, template);

  project.provide("testDataDir", dir);
  project.provide("testDatabaseUrl", url);
  project.provide("emptyDatabaseTemplate", template);

  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
