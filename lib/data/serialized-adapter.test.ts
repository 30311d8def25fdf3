import { uniq } from "@/lib/testing/db";
import { describe, expect, it } from "vitest";
import { db } from "./db";
import { StatementCache } from "./serialized-adapter";

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

/** The adapter's connection reuses one prepared statement per SQL text (StatementCache). */
describe("the statement cache", () => {
  const open = async () => {
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(":memory:");
    raw.defaultSafeIntegers(true);
    raw.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c')`);
    let prepared = 0;
    const counting = new Proxy(raw, {
      get(target, key) {
        if (key === "prepare") return (sql: string) => (prepared++, target.prepare(sql));
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    return { raw, prepared: () => prepared, counting };
  };
  // What the better-sqlite3 adapter does with a query (its performIO and executeIO).
  const read = (c: { prepare(sql: string): unknown }, sql: string, args: unknown[]) => {
    const stmt = (c.prepare(sql) as { bind(a: unknown[]): { reader: boolean; columns(): { name: string }[]; raw(): { all(): unknown[][] } } }).bind(args);
    return { columns: stmt.columns().map((c) => c.name), rows: stmt.raw().all() };
  };
  const write = (c: { prepare(sql: string): unknown }, sql: string, args: unknown[]) => (c.prepare(sql) as { bind(a: unknown[]): { run(): { changes: number } } }).bind(args).run();

  it("prepares a statement once and binds each call's own arguments", async () => {
    const { counting, prepared, raw } = await open();
    const cached = new StatementCache(counting as never).connection as unknown as typeof counting;
    const sql = "SELECT id, name FROM t WHERE id = ?";
    expect(read(cached, sql, [1n])).toEqual({ columns: ["id", "name"], rows: [[1n, "a"]] });
    expect(read(cached, sql, [3n])).toEqual({ columns: ["id", "name"], rows: [[3n, "c"]] });
    expect(read(cached, sql, [9n])).toEqual({ columns: ["id", "name"], rows: [] });
    expect(write(cached, "UPDATE t SET name = ? WHERE id = ?", ["z", 2n]).changes).toBe(1);
    expect(write(cached, "UPDATE t SET name = ? WHERE id = ?", ["y", 9n]).changes).toBe(0);
    expect(read(cached, sql, [2n]).rows).toEqual([[2n, "z"]]);
    expect(prepared()).toBe(2);
    // Everything else is the connection's own.
    expect(cached.inTransaction).toBe(false);
    cached.exec("BEGIN");
    expect(cached.inTransaction).toBe(true);
    cached.exec("ROLLBACK");
    raw.close();
  });

  it("keeps at most `size` statements, dropping the least recently used", async () => {
    const { counting, prepared, raw } = await open();
    const cached = new StatementCache(counting as never, 2).connection as unknown as typeof counting;
    const q = (n: number) => read(cached, `SELECT ${n} AS n`, []);
    q(1);
    q(2);
    q(1); // 1 is now the most recent
    q(3); // evicts 2
    expect(prepared()).toBe(3);
    q(1);
    expect(prepared()).toBe(3);
    q(2);
    expect(prepared()).toBe(4);
    raw.close();
  });

  it("gives the database's error for bad SQL, as before, and caches nothing for it", async () => {
    const { counting, prepared, raw } = await open();
    const cached = new StatementCache(counting as never).connection as unknown as typeof counting;
    expect(() => read(cached, "SELECT nope FROM t", [])).toThrow(/no such column/);
    expect(() => read(cached, "SELECT nope FROM t", [])).toThrow(/no such column/);
    expect(prepared()).toBe(2);
    raw.close();
  });
});
