import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import sharp from "sharp";
import { afterAll, describe, expect, inject, it } from "vitest";
import { backupTo, restoreFrom } from "@/lib/backup";
import { contentTypeOfKey, newMediaId, processImage, storageKeyFor, variantsFor } from "./process";

/**
 * The SQLite backup (lib/backup.ts) holds photos now that they live in the database: a photo
 * whose renditions are only in MediaFile (nothing in the media folder) comes back from a restore.
 * On PostgreSQL, pg_dump dumps MediaFile like any other table.
 */
const work = mkdtempSync(path.join(tmpdir(), "masthead-backup-photos-"));
const root = path.resolve(import.meta.dirname, "..", "..");

function migratedSqlite(name: string): string {
  const file = path.join(work, name, "masthead.db");
  mkdirSync(path.dirname(file), { recursive: true });
  // The SQLite backup is what this file checks, whichever engine the suite runs on: the template
  // is a SQLite file only when the suite runs on SQLite.
  const template = inject("emptyDatabaseTemplate");
  if (template && !template.startsWith("postgresql://")) copyFileSync(template, file);
  else execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "pipe" });
  return file;
}

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("backups hold the photos", () => {
  it("a photo stored in the database survives backup and restore, with no media folder at all", async () => {
    const file = migratedSqlite("live");
    const image = await processImage(await sharp({ create: { width: 400, height: 300, channels: 3, background: "#3366aa" } }).jpeg().toBuffer());
    const id = newMediaId();
    const storageKey = storageKeyFor(id);
    const live = new Database(file);
    live.prepare(`INSERT INTO "Media" ("id", "storageKey", "originalName", "mimeType", "width", "height", "bytes", "variants", "createdAt") VALUES (?, ?, 'p.jpg', 'image/jpeg', 400, 300, 1, ?, ?)`).run(id, storageKey, JSON.stringify(variantsFor(storageKey, image.renditions)), Date.now());
    const insert = live.prepare(`INSERT INTO "MediaFile" ("key", "mediaId", "contentType", "data", "createdAt") VALUES (?, ?, ?, ?, ?)`);
    for (const r of image.renditions) insert.run(`${storageKey}/${r.file}`, id, contentTypeOfKey(r.file), r.data, Date.now());
    live.close();

    const emptyMedia = path.join(work, "live", "media");
    mkdirSync(emptyMedia);
    const target = path.join(work, "backup.db");
    expect((await backupTo({ databaseUrl: `file:${file}`, mediaDir: emptyMedia, target })).media).toBe(0);

    const restoredDir = path.join(work, "restored");
    restoreFrom({ databaseUrl: `file:${path.join(restoredDir, "masthead.db")}`, mediaDir: path.join(restoredDir, "media"), source: target });
    expect(existsSync(path.join(restoredDir, "media")) ? readdirSync(path.join(restoredDir, "media")) : []).toEqual([]);
    const restored = new Database(path.join(restoredDir, "masthead.db"), { readonly: true });
    const rows = restored.prepare(`SELECT "key", "data" FROM "MediaFile" WHERE "mediaId" = ? ORDER BY "key"`).all(id) as { key: string; data: Buffer }[];
    restored.close();
    expect(rows.map((r) => r.key)).toEqual(image.renditions.map((r) => `${storageKey}/${r.file}`).sort());
    for (const r of image.renditions) expect(rows.find((row) => row.key === `${storageKey}/${r.file}`)!.data.equals(r.data)).toBe(true);
  });
});
