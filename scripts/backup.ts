/** npm run backup [file] — a consistent online backup of the database and media, while the servers run. */
import path from "node:path";
import { backupTo } from "../lib/backup";
import { databaseUrl, dataDir, isPostgresUrl } from "../lib/config";

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
// SQLite: one file. PostgreSQL: pg_dump's directory format, which pg_restore reads as it is.
const extension = isPostgresUrl(databaseUrl()) ? "pgdump" : "db";
const target = process.argv[2] ?? path.join(dataDir(), "backups", `masthead-${stamp}.${extension}`);
const result = await backupTo({ databaseUrl: databaseUrl(), mediaDir: path.join(dataDir(), "media"), target });
console.log(`Backup written to ${target} (${(result.bytes / 1024).toFixed(0)} KiB, ${result.media} media files).`);
