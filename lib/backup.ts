/**
 * Online backups in one file. The database is copied with SQLite's backup API (a consistent
 * snapshot while the server keeps writing, never a file copy); uploaded media, which are
 * write-once files, are then stored inside the backup file in a `_masthead_media` table.
 * Restore refuses to touch a data directory that already has a database.
 * A postgresql:// DATABASE_URL is backed up with pg_dump instead (lib/backup-postgres.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl } from "./config";
import { backupPostgres, restorePostgres } from "./backup-postgres";

function dbFile(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`Backups need a SQLite file database, not ${url}`);
  return path.resolve(url.slice("file:".length));
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

export async function backupTo({ databaseUrl, mediaDir, target }: { databaseUrl: string; mediaDir: string; target: string }) {
  if (isPostgresUrl(databaseUrl)) return backupPostgres({ databaseUrl, mediaDir, target });
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name`);
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const source = new Database(dbFile(databaseUrl), { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  const out = new Database(target);
  try {
    out.exec(`CREATE TABLE "_masthead_media" ("path" TEXT PRIMARY KEY, "bytes" BLOB NOT NULL)`);
    const insert = out.prepare(`INSERT INTO "_masthead_media" ("path", "bytes") VALUES (?, ?)`);
    const files = listFiles(mediaDir);
    out.transaction(() => {
      for (const rel of files) insert.run(rel.split(path.sep).join("/"), readFileSync(path.join(mediaDir, rel)));
    })();
    const check = out.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`backup failed its integrity check: ${String(check)}`);
    return { media: files.length, bytes: statSync(target).size };
  } finally {
    out.close();
  }
}

export async function restoreFrom({ databaseUrl, mediaDir, source }: { databaseUrl: string; mediaDir: string; source: string }): Promise<{ media: number }> {
  if (isPostgresUrl(databaseUrl)) return restorePostgres({ databaseUrl, mediaDir, source });
  const target = dbFile(databaseUrl);
  if (!existsSync(source)) throw new Error(`${source} does not exist`);
  if (existsSync(target)) throw new Error(`${target} already exists: restore only into an empty data directory`);
  if (listFiles(mediaDir).length > 0) throw new Error(`${mediaDir} is not empty: restore only into an empty data directory`);
  mkdirSync(path.dirname(target), { recursive: true });
  const backup = new Database(source, { readonly: true, fileMustExist: true });
  let media = 0;
  try {
    if (backup.pragma("integrity_check", { simple: true }) !== "ok") throw new Error(`${source} is damaged (integrity check failed)`);
    const rows = backup.prepare(`SELECT "path", "bytes" FROM "_masthead_media"`).all() as { path: string; bytes: Buffer }[];
    for (const row of rows) {
      const dest = path.resolve(mediaDir, row.path);
      if (!dest.startsWith(path.resolve(mediaDir) + path.sep)) throw new Error(`refusing to write outside the media directory: ${row.path}`);
      mkdirSync(path.dirname(dest), { recursive: true });
      writeFileSync(dest, row.bytes);
      media++;
    }
  } finally {
    backup.close();
  }
  const copy = new Database(source, { readonly: true });
  try {
    copy.exec(`VACUUM INTO '${target.replaceAll("'", "''")}'`);
  } finally {
    copy.close();
  }
  const restored = new Database(target);
  try {
    restored.exec(`DROP TABLE "_masthead_media"`);
    restored.pragma("journal_mode = WAL");
  } catch (error) {
    restored.close();
    rmSync(target, { force: true });
    throw error;
  }
  restored.close();
  return { media };
}
