/**
 * Applies prisma/postgres/migrations to an empty PostgreSQL database through `pg` (works offline:
 * no schema engine binary needed). Each migration runs once, in name order, recorded in
 * "_masthead_migrations"; so a shipped folder is never rewritten (scripts/lib/pg-schema.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const migrations = path.resolve(import.meta.dirname, "..", "..", "prisma", "postgres", "migrations");

/** Applies the folders of `dir` (the repository's by default; a test's copy) not yet applied; returns their names. */
export async function migratePostgres(url: string, { dir = migrations }: { dir?: string } = {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS "_masthead_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ name: string }>(`SELECT "name" FROM "_masthead_migrations"`)).rows.map((r) => r.name));
    const names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const name of names) {
      if (done.has(name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
        await client.query(`INSERT INTO "_masthead_migrations" ("name") VALUES ($1)`, [name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(name);
    }
  } finally {
    await client.end();
  }
  return applied;
}
