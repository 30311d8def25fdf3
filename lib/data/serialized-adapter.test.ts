import { uniq } from "@/lib/testing/db";
import { describe, expect, it } from "vitest";
import { db } from "./db";
import { isPlainRead } from "./serialized-adapter";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The process has one SQLite connection. These tests interleave a plain query from "another
 * request" with an interactive transaction that is awaiting, which is what a busy server does.
 */
describe("one connection, many requests", () => {
  it("a rolled-back transaction never undoes another request's write", async () => {
    const inside = `inside-${uniq()}`;
    const outside = `outside-${uniq()}`;
    const failing = db.$transaction(async (tx) => {
      await tx.section.create({ data: { name: inside, slug: inside } });
      await pause(60);
      throw new Error("rolled back on purpose");
    });
    await pause(10); // the transaction is open and awaiting now
    const acknowledged = await db.section.create({ data: { name: outside, slug: outside } });
    await expect(failing).rejects.toThrow("rolled back on purpose");

    expect(acknowledged.slug).toBe(outside);
    expect(await db.section.findUnique({ where: { slug: outside } })).not.toBeNull();
    expect(await db.section.findUnique({ where: { slug: inside } })).toBeNull();
  });

  it("another request never reads a transaction's uncommitted rows", async () => {
    const slug = `uncommitted-${uniq()}`;
    const failing = db.$transaction(async (tx) => {
      await tx.section.create({ data: { name: slug, slug } });
      await pause(60);
      throw new Error("rolled back on purpose");
    });
    await pause(10);
    const seen = await db.section.findUnique({ where: { slug } });
    await expect(failing).rejects.toThrow();
    expect(seen).toBeNull();
  });

  it("committed transactions and plain writes all land when many run at once", async () => {
    const tag = uniq();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? db.section.create({ data: { name: `plain-${tag}-${i}`, slug: `plain-${tag}-${i}` } })
          : db.$transaction(async (tx) => {
              await tx.section.create({ data: { name: `tx-${tag}-${i}`, slug: `tx-${tag}-${i}` } });
              await pause(5);
            }),
      ),
    );
    expect(await db.section.count({ where: { slug: { contains: tag } } })).toBe(20);
  });

  it("a plain read does not wait for an open transaction, and sees only what was committed", async () => {
    const before = `before-${uniq()}`;
    const inside = `inside-${uniq()}`;
    await db.section.create({ data: { name: before, slug: before } });
    let committed = false;
    const slow = db.$transaction(async (tx) => {
      await tx.section.create({ data: { name: inside, slug: inside } });
      await pause(300);
      committed = true;
    });
    await pause(20); // the transaction is open and awaiting now
    const [seenBefore, seenInside] = await Promise.all([db.section.findUnique({ where: { slug: before } }), db.section.findUnique({ where: { slug: inside } })]);
    expect(committed, "the read was answered while the transaction was still open").toBe(false);
    expect(seenBefore?.slug).toBe(before);
    expect(seenInside, "uncommitted").toBeNull();
    await slow;
    expect((await db.section.findUnique({ where: { slug: inside } }))?.slug, "committed, then read").toBe(inside);
  });
});

describe("isPlainRead", () => {
  it.each([
    ['SELECT "id" FROM "Article" WHERE "id" = ?', true],
    ['  select 1', true],
    ['WITH x AS (SELECT 1) SELECT * FROM x', false],
    ['INSERT INTO "Tag" ("id") VALUES (?) RETURNING "id"', false],
    ['UPDATE "Article" SET "version" = 2 RETURNING "version"', false],
    ["SELECT last_insert_rowid()", false],
    ["SELECT changes()", false],
    ["SELECT 1; DELETE FROM x", false],
  ] as const)("%s: %s", (sql, plain) => {
    expect(isPlainRead(sql)).toBe(plain);
  });
});
