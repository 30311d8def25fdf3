/**
 * prisma/postgres is derived from prisma/schema.prisma (scripts/lib/pg-schema.ts). A schema
 * change without `npm run db:pg-schema` fails here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivePgMigration, derivePgSchema, PG_MIGRATION, PG_SCHEMA } from "./lib/pg-schema";

describe("the PostgreSQL schema", () => {
  it("is up to date with prisma/schema.prisma (run `npm run db:pg-schema`)", () => {
    const schema = derivePgSchema();
    expect(readFileSync(PG_SCHEMA, "utf8")).toBe(schema);
    const dir = mkdtempSync(path.join(tmpdir(), "masthead-pg-schema-"));
    try {
      const file = path.join(dir, "schema.prisma");
      writeFileSync(file, schema);
      expect(readFileSync(PG_MIGRATION, "utf8")).toBe(derivePgMigration(file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
