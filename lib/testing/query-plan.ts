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
