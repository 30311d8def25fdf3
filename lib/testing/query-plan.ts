import pg from "pg";
import { afterAll, beforeAll } from "vitest";
// The test database guard first: it must run before the Prisma client is made.
import { copyEmptyDatabase } from "./db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/data/db";

/** Which engine the suite runs on (`npm run test:unit:pg` sets MASTHEAD_TEST_ENGINE=postgres). */
export const onPostgres = process.env.MASTHEAD_TEST_ENGINE === "postgres";

/**
 * A statement's query plan as text: SQLite's EXPLAIN QUERY PLAN (one line per step), or
 * PostgreSQL's EXPLAIN with sequential scans priced out (`enable_seqscan = off`, for this
 * statement only). A test database's tables hold a few rows, where PostgreSQL rightly prefers to
 * scan them, so only that setting shows whether an index can serve the statement: a "Seq Scan"
 * left in such a plan means there is none.
 */
export async function queryPlan(sql: Prisma.Sql): Promise<string> {
  if (onPostgres) {
    return db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql.text}`, ...sql.values);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
  }
  const rows = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql.sql}`, ...sql.values);
  return rows.map((r) => r.detail).join("\n");
}

/**
 * Query plans taken on an archive, for tests whose claim is "this stays fast on 30 years of
 * stories". On PostgreSQL, plans depend on a table's statistics, and on the shared test
 * database's few hundred rows the planner rightly reads whole tables and sorts them; so the
 * statements `archiveSql` gives are run once into a database of the test file's own (a copy of
 * the empty, migrated one, dropped after), and plans are taken there with the planner left to
 * choose freely, as it would on a live archive. SQLite's planner keeps no statistics here, so
 * there the plans come from the shared test database (`queryPlan`). Call it at the top level of
 * a test file: it registers the file's beforeAll and afterAll.
 */
export function archivePlans(archiveSql: readonly string[], { timeout = 60_000 }: { timeout?: number } = {}): (sql: Prisma.Sql) => Promise<string> {
  let archive: { client: pg.Client; drop: () => Promise<void> } | null = null;
  beforeAll(async () => {
    if (!onPostgres) return;
    const copy = await copyEmptyDatabase();
    const client = new pg.Client({ connectionString: copy.url });
    await client.connect();
    archive = { client, drop: copy.drop };
    for (const sql of archiveSql) await client.query(sql);
  }, timeout);
  afterAll(async () => {
    await archive?.client.end();
    await archive?.drop();
  });
  return async (sql) => {
    if (!onPostgres) return queryPlan(sql);
    if (!archive) throw new Error("archivePlans: the archive is not loaded (call it at the top level of the test file)");
    const { rows } = await archive.client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql.text}`, sql.values);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  };
}

/**
 * Whether a PostgreSQL plan reads `table` through one of its indexes by a condition (an index
 * or bitmap index scan with an Index Cond), not by a sequential scan or a filtered walk of a
 * whole index. For the tables a statement looks rows up in by key; the small lookup tables it
 * joins (sections, tags) the planner may fairly scan on an archive too.
 */
export function readsByIndex(plan: string, table: string): boolean {
  const lines = plan.split("\n");
  const quoted = `"${table}"`;
  if (lines.some((l) => l.includes(`Seq Scan on ${quoted}`))) return false;
  return lines.some((line, i) => {
    const next = lines[i + 1] ?? "";
    if (/Bitmap Index Scan on "/.test(line) && line.includes(`on "${table}_`)) return next.includes("Index Cond");
    return new RegExp(`Index (Only )?Scan using "${table}_\\w+" on ${quoted}`).test(line) && next.trim().startsWith("Index Cond");
  });
}
