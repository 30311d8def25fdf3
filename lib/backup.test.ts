// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { copyEmptyDatabase, uniq } from "@/lib/testing/db";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { backupTo, restoreFrom } from "./backup";
import { isPostgresUrl } from "./config";

/**
 * The engine under test's backup: SQLite's online backup API into one file, or pg_dump
 * (lib/backup-postgres.ts) on `npm run test:unit:pg`. The same checks hold for both.
 */
const postgres = isPostgresUrl(inject("emptyDatabaseTemplate"));
const work = mkdtempSync(path.join(tmpdir(), "masthead-backup-"));
const dropAfter: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const drop of dropAfter) await drop();
});

/** A fresh migrated database (SQLite in WAL mode, or a PostgreSQL one) with a media folder, like a running newsroom's. */
async function freshInstall(name: string) {
  const dir = path.join(work, name);
  const media = path.join(dir, "media");
  mkdirSync(path.join(media, "ab"), { recursive: true });
  if (postgres) {
    const copy = await copyEmptyDatabase();
    dropAfter.push(copy.drop);
    return { dir, url: copy.url, media };
  }
  const file = path.join(dir, "masthead.db");
  copyFileSync(inject("emptyDatabaseTemplate"), file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
  return { dir, url: `file:${file}`, media };
}

/** Where a restore goes: a new data directory, and on PostgreSQL a database that does not exist yet. */
function restoreTarget(name: string) {
  const dir = path.join(work, name);
  if (!postgres) return { url: `file:${path.join(dir, "masthead.db")}`, media: path.join(dir, "media") };
  const url = new URL(inject("emptyDatabaseTemplate"));
  url.pathname = `/restored_${uniq()}`;
  const admin = new URL(url);
  admin.pathname = "/postgres";
  dropAfter.push(async () => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${url.pathname.slice(1)} WITH (FORCE)`);
    await c.end();
  });
  return { url: url.toString(), media: path.join(dir, "media") };
}

const WRITER_SQLITE = (url: string) => `
  const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
  const db = new Database(${JSON.stringify(url.slice("file:".length))}, { timeout: 5000 });
  const insert = db.prepare('INSERT INTO "AuditLog" ("id", "action", "subject", "details", "createdAt") VALUES (?, ?, ?, ?, ?)');
  let n = 0;
  const tick = () => {
    for (let i = 0; i < 20; i++) {
      const id = "w" + (n++);
      insert.run(id, "test.write", "", JSON.stringify({ pad: "x".repeat(200) }), Date.now());
      process.stdout.write(id + "\\n");
    }
    setImmediate(tick);
  };
  tick();`;

// Autocommit: each INSERT has committed when its query returns.
const WRITER_POSTGRES = (url: string) => `
  const pg = require(${JSON.stringify(require.resolve("pg"))});
  const client = new pg.Client({ connectionString: ${JSON.stringify(url)} });
  (async () => {
    await client.connect();
    for (let n = 0; ; n++) {
      const id = "w" + n;
      await client.query('INSERT INTO "AuditLog" ("id", "action", "subject", "details", "createdAt") VALUES ($1, $2, $3, $4, now())', [id, "test.write", "", JSON.stringify({ pad: "x".repeat(200) })]);
      process.stdout.write(id + "\\n");
    }
  })();`;

/**
 * Another process writing audit rows as fast as it can, printing each id once its transaction
 * has committed: those are the acknowledged writes.
 */
function startWriter(url: string) {
  const child = spawn(process.execPath, ["-e", postgres ? WRITER_POSTGRES(url) : WRITER_SQLITE(url)], { stdio: ["ignore", "pipe", "inherit"] });
  const acked: string[] = [];
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    acked.push(...lines.filter(Boolean));
  });
  return { acked, stop: () => new Promise<void>((resolve) => (child.kill("SIGKILL"), child.on("exit", () => resolve()))) };
}

/** What a restore holds: the writer's ids, and whether the database is whole and as migrations made it. */
async function readRestored(url: string) {
  if (!postgres) {
    const db = new Database(url.slice("file:".length), { readonly: true });
    try {
      const ids = new Set((db.prepare(`SELECT "id" FROM "AuditLog" WHERE "action" = 'test.write'`).all() as { id: string }[]).map((r) => r.id));
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = '_masthead_media'`).all()).toEqual([]);
      return ids;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids = new Set((await client.query<{ id: string }>(`SELECT "id" FROM "AuditLog" WHERE "action" = 'test.write'`)).rows.map((r) => r.id));
    // What prisma/postgres/extras.sql adds beyond the tables comes back too, and the migrations
    // are recorded as applied, so the restored install does not migrate again.
    const index = await client.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'ArticleSearch_document_idx'`);
    expect(index.rowCount).toBe(1);
    const triggers = await client.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`);
    expect(triggers.rows.map((r) => r.tgname)).toEqual(["ArticleAuthor_listedAt_insert", "ArticleTag_listedAt_insert", "Article_listedAt_update"]);
    const migrations = await client.query(`SELECT 1 FROM "_masthead_migrations"`);
    expect(migrations.rowCount).toBeGreaterThan(0);
    return ids;
  } finally {
    await client.end();
  }
}

describe(`backup and restore (${postgres ? "PostgreSQL, pg_dump" : "SQLite"})`, () => {
  it("takes a consistent backup while another process writes, and restores every write acknowledged before it", async () => {
    const live = await freshInstall("live");
    writeFileSync(path.join(live.media, "ab", "photo.webp"), Buffer.from("not really a photo"));
    const writer = startWriter(live.url);
    await expect.poll(() => writer.acked.length, { timeout: 20_000 }).toBeGreaterThan(2000);
    const ackedBefore = [...writer.acked];
    const target = path.join(work, postgres ? "backup.pgdump" : "backup.db");
    const result = await backupTo({ databaseUrl: live.url, mediaDir: live.media, target });
    // The writer was acknowledging before the backup began and still is after it ended, so it
    // wrote all through it. (Counting lines that arrive *during* the await flakes under load:
    // the child's output may only be read once the backup has finished.)
    await expect.poll(() => writer.acked.length, { timeout: 10_000 }).toBeGreaterThan(ackedBefore.length);
    await writer.stop();
    expect(result.media).toBe(1);

    const fresh = restoreTarget("restored");
    expect(await restoreFrom({ databaseUrl: fresh.url, mediaDir: fresh.media, source: target })).toEqual({ media: 1 });

    const ids = await readRestored(fresh.url);
    const missing = ackedBefore.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    expect(ids.size).toBeGreaterThanOrEqual(ackedBefore.length);
    expect(readFileSync(path.join(fresh.media, "ab", "photo.webp"), "utf8")).toBe("not really a photo");
  }, 90_000);

  it("refuses to restore over an existing database or to overwrite a backup", async () => {
    const live = await freshInstall("second");
    const target = path.join(work, postgres ? "second.pgdump" : "second.db");
    await backupTo({ databaseUrl: live.url, mediaDir: live.media, target });
    await expect(backupTo({ databaseUrl: live.url, mediaDir: live.media, target })).rejects.toThrow(/already exists/);
    await expect(restoreFrom({ databaseUrl: live.url, mediaDir: path.join(work, "empty-media"), source: target })).rejects.toThrow(
      postgres ? /already has tables: restore only into an empty database/ : /empty data directory/,
    );
    // Nor into a data directory whose media folder is in use.
    const fresh = restoreTarget("second-restored");
    writeFileSync(path.join(live.media, "ab", "in-use.webp"), "x");
    await expect(restoreFrom({ databaseUrl: fresh.url, mediaDir: live.media, source: target })).rejects.toThrow(/not empty/);
  }, 60_000);
});
