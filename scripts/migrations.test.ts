/**
 * The migrations and prisma/schema.prisma describe the same database. Migrations are written
 * by hand (additive ALTER TABLE / CREATE TABLE, since several changes land side by side), so
 * nothing else checks that they agree: a column in the schema that no migration adds fails
 * at run time only, on the first query that touches it.
 *
 * The test builds one database from the migrations (the SQLite template global-setup made with
 * `prisma migrate deploy`, on either engine's run) and one from the schema (`prisma migrate diff --from-empty`), and
 * compares their tables, columns, indexes and foreign keys. Tables Prisma does not model (the
 * FTS5 search index and its shadow tables, Prisma's own bookkeeping) are left out.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, it } from "vitest";
import { NO_DATABASE } from "./lib/pg-schema";

const root = path.resolve(import.meta.dirname, "..");

type Shape = Record<string, { columns: string[]; indexes: string[]; foreignKeys: string[] }>;

function shapeOf(db: Database.Database): Shape {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_%'
       AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
    )
    .all() as { name: string }[];
  const virtual = (db.prepare(`SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'`).all() as { name: string }[]).map(
    (t) => t.name,
  );
  const shape: Shape = {};
  for (const { name } of tables) {
    // FTS5 shadow tables (ArticleSearch_data, _idx, _content, _docsize, _config).
    if (virtual.some((v) => name.startsWith(`${v}_`))) continue;
    const columns = (
      db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]
    )
      .map((c) => `${c.name} ${c.type.toUpperCase()}${c.notnull ? " NOT NULL" : ""}${c.dflt_value !== null ? ` DEFAULT ${c.dflt_value}` : ""}${c.pk ? ` PK${c.pk}` : ""}`)
      .sort();
    const indexes = (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; origin: string }[])
      .filter((i) => i.origin === "c")
      .map((i) => {
        const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name).join(",");
        return `${i.unique ? "UNIQUE " : ""}(${cols})`;
      })
      .sort();
    const foreignKeys = (
      db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { table: string; from: string; to: string; on_delete: string; on_update: string }[]
    )
      .map((f) => `${f.from} -> ${f.table}.${f.to} ON DELETE ${f.on_delete} ON UPDATE ${f.on_update}`)
      .sort();
    shape[name] = { columns, indexes, foreignKeys };
  }
  return shape;
}

describe("migrations", () => {
  it("build exactly the database prisma/schema.prisma describes", () => {
    const fromSchemaSql = execFileSync(
      "npx",
      ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...NO_DATABASE } },
    );
    const fromSchema = new Database(":memory:");
    fromSchema.exec(fromSchemaSql);
    const fromMigrations = new Database(inject("sqliteTemplate"), { readonly: true });
    try {
      const want = shapeOf(fromSchema);
      const got = shapeOf(fromMigrations);
      expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
      for (const table of Object.keys(want)) {
        expect({ table, ...got[table] }).toEqual({ table, ...want[table] });
      }
    } finally {
      fromSchema.close();
      fromMigrations.close();
    }
  }, 60_000);
});
