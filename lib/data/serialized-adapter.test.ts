import { uniq } from "@/lib/testing/db";
import { describe, expect, it } from "vitest";
import { db } from "./db";

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
});
