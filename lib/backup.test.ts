import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, it } from "vitest";
import { backupTo, restoreFrom } from "./backup";

const work = mkdtempSync(path.join(tmpdir(), "masthead-backup-"));

/** A fresh migrated database in WAL mode with a media folder, like a running newsroom's. */
function freshInstall(name: string) {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, "media", "ab"), { recursive: true });
  const file = path.join(dir, "masthead.db");
  copyFileSync(inject("emptyDatabaseTemplate"), file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
  return { dir, file, url: `file:${file}`, media: path.join(dir, "media") };
}

/**
 * Another process writing audit rows as fast as it can, printing each id once its transaction
 * has committed: those are the acknowledged writes.
 */
function startWriter(file: string) {
  const script = `
    const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
    const db = new Database(${JSON.stringify(file)}, { timeout: 5000 });
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
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
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

describe("backup and restore", () => {
  it("takes a consistent backup while another process writes, and restores every write acknowledged before it", async () => {
    const live = freshInstall("live");
    writeFileSync(path.join(live.media, "ab", "photo.webp"), Buffer.from("not really a photo"));
    const writer = startWriter(live.file);
    await expect.poll(() => writer.acked.length, { timeout: 10_000 }).toBeGreaterThan(2000);
    const ackedBefore = [...writer.acked];
    const target = path.join(work, "backup.db");
    const result = await backupTo({ databaseUrl: live.url, mediaDir: live.media, target });
    // The writer was acknowledging before the backup began and still is after it ended, so it
    // wrote all through it. (Counting lines that arrive *during* the await flakes under load:
    // the child's output may only be read once the backup has finished.)
    await expect.poll(() => writer.acked.length, { timeout: 10_000 }).toBeGreaterThan(ackedBefore.length);
    await writer.stop();
    expect(result.media).toBe(1);

    const restored = path.join(work, "restored");
    const fresh = { url: `file:${path.join(restored, "masthead.db")}`, media: path.join(restored, "media") };
    expect(restoreFrom({ databaseUrl: fresh.url, mediaDir: fresh.media, source: target })).toEqual({ media: 1 });

    const db = new Database(path.join(restored, "masthead.db"), { readonly: true });
    const ids = new Set((db.prepare(`SELECT "id" FROM "AuditLog" WHERE "action" = 'test.write'`).all() as { id: string }[]).map((r) => r.id));
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE name = '_masthead_media'`).all();
    db.close();
    const missing = ackedBefore.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    expect(ids.size).toBeGreaterThanOrEqual(ackedBefore.length);
    expect(tables).toEqual([]);
    expect(readFileSync(path.join(fresh.media, "ab", "photo.webp"), "utf8")).toBe("not really a photo");
  }, 60_000);

  it("refuses to restore over an existing database or to overwrite a backup", async () => {
    const live = freshInstall("second");
    const target = path.join(work, "second.db");
    await backupTo({ databaseUrl: live.url, mediaDir: live.media, target });
    await expect(backupTo({ databaseUrl: live.url, mediaDir: live.media, target })).rejects.toThrow(/already exists/);
    expect(() => restoreFrom({ databaseUrl: live.url, mediaDir: path.join(work, "empty-media"), source: target })).toThrow(/empty data directory/);
  });
});
