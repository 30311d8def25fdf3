import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/data/db";

/** Which engine the suite runs on (`npm run test:unit:pg` sets MASTHEAD_TEST_ENGINE=postgres). */
export const onPostgres = process.env.MASTHEAD_TEST_ENGINE === "postgres";

/** A statement's query plan as text: PostgreSQL's EXPLAIN, or SQLite's EXPLAIN QUERY PLAN (one line per step). */
export async function queryPlan(sql: Prisma.Sql): Promise<string> {
  if (onPostgres) {
    const rows = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql.text}`, ...sql.values);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
  const rows = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql.sql}`, ...sql.values);
  return rows.map((r) => r.detail).join("\n");
}
