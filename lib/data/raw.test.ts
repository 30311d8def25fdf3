// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, uniq } from "@/lib/testing/db";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { createArticle } from "@/lib/testing/use-cases";
import { inTransaction, outcome } from "@/lib/use-cases/transaction";
import { articleRowSql } from "./articles";
import { db, directSqliteOf, engine } from "./db";
import { claimTransaction, executeSql, queryRows } from "./raw";

/**
 * queryRows and executeSql (lib/data/raw.ts): on SQLite the statements run straight on the
 * connection, and must give exactly what Prisma's $queryRaw gives; on PostgreSQL they are
 * Prisma's. Either way inside a transaction they see its writes and roll back with it.
 */
let storyId: string;
beforeAll(async () => {
  const writer = await createTestUser({ role: "WRITER" });
  storyId = (await createArticle({ actor: actorFor(writer), input: { headline: `Raw ${uniq()}`, dek: "Quotes \" and ' and 한국어", body: "<p>Body.</p>", tags: [`Tag ${uniq()}`] } })).id;
});

describe("queryRows", () => {
  it("gives the rows Prisma's $queryRaw gives: dates, booleans, integers, nulls, text, expressions", async () => {
    const sql = articleRowSql(storyId);
    for (const query of [
      sql.story,
      sql.tags,
      sql.bylines,
      sql.assignees,
      Prisma.sql`SELECT count(*) AS "n", max("updatedAt") AS "latest", 1 = 1 AS "truth", NULL AS "nothing", 'x' || 'y' AS "text" FROM "Article"`,
      Prisma.sql`SELECT "id", "noindex", "wordCount", "publishedAt", "createdAt" FROM "Article" WHERE "id" = ${storyId}`,
    ]) {
      expect(await queryRows(db, query)).toStrictEqual(await db.$queryRaw(query));
    }
  });

  it("runs on SQLite's connection directly once Prisma has opened it", async () => {
    await db.$queryRaw`SELECT 1`;
    expect(directSqliteOf() !== null).toBe(engine === "sqlite");
  });

  it("binds dates and booleans as Prisma stores them, so a comparison finds the row", async () => {
    const [row] = await db.$queryRaw<{ createdAt: Date }[]>`SELECT "createdAt" FROM "Article" WHERE "id" = ${storyId}`;
    const found = await queryRows<{ id: string }>(db, Prisma.sql`SELECT "id" FROM "Article" WHERE "id" = ${storyId} AND "createdAt" = ${row!.createdAt} AND "noindex" = ${false}`);
    expect(found).toEqual([{ id: storyId }]);
  });

  it("inside inTransaction sees the transaction's writes, and they roll back with it", async () => {
    const headline = `Inside ${uniq()}`;
    const failing = inTransaction(undefined, async (tx) => {
      expect(await executeSql(tx, Prisma.sql`UPDATE "Article" SET "headline" = ${headline} WHERE "id" = ${storyId}`)).toBe(1);
      const [seen] = await queryRows<{ headline: string }>(tx, Prisma.sql`SELECT "headline" FROM "Article" WHERE "id" = ${storyId}`);
      expect(seen!.headline).toBe(headline);
      throw new Error("rolled back on purpose");
    });
    await expect(failing).rejects.toThrow("rolled back on purpose");
    const [after] = await queryRows<{ headline: string }>(db, Prisma.sql`SELECT "headline" FROM "Article" WHERE "id" = ${storyId}`);
    expect(after!.headline).not.toBe(headline);
  });

  it("another request's statement waits for an open transaction instead of reading its uncommitted rows", async () => {
    const headline = `Uncommitted ${uniq()}`;
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const failing = inTransaction(undefined, async (tx) => {
      await executeSql(tx, Prisma.sql`UPDATE "Article" SET "headline" = ${headline} WHERE "id" = ${storyId}`);
      wrote();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("rolled back on purpose");
    });
    await written;
    const outside = await queryRows<{ headline: string }>(db, Prisma.sql`SELECT "headline" FROM "Article" WHERE "id" = ${storyId}`);
    await expect(failing).rejects.toThrow();
    expect(outside[0]!.headline).not.toBe(headline);
  });

  it("refuses a statement sent after its transaction ended, instead of running it outside any transaction", async () => {
    let kept!: Prisma.TransactionClient;
    await inTransaction(undefined, async (tx) => {
      kept = tx;
      return outcome(null);
    });
    const late = executeSql(kept, Prisma.sql`UPDATE "Article" SET "headline" = ${"Too late"} WHERE "id" = ${storyId}`);
    await expect(late).rejects.toThrow(/Transaction already closed|Transaction API error|closed/i);
    const [row] = await queryRows<{ headline: string }>(db, Prisma.sql`SELECT "headline" FROM "Article" WHERE "id" = ${storyId}`);
    expect(row!.headline).not.toBe("Too late");
  });

  it("a transaction it was not told about (claimTransaction) still works, through Prisma", async () => {
    const headline = `Unclaimed ${uniq()}`;
    await db.$transaction(async (tx) => {
      await executeSql(tx, Prisma.sql`UPDATE "Article" SET "headline" = ${headline} WHERE "id" = ${storyId}`);
      const [seen] = await queryRows<{ headline: string }>(tx, Prisma.sql`SELECT "headline" FROM "Article" WHERE "id" = ${storyId}`);
      expect(seen!.headline).toBe(headline);
    });
    // And claiming one is harmless on either engine.
    await db.$transaction(async (tx) => {
      claimTransaction(tx);
      expect(await queryRows<{ n: number | bigint }>(tx, Prisma.sql`SELECT 1 AS "n"`)).toHaveLength(1);
    });
  });
});
