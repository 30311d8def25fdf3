/** npm run backup [file] — a consistent online backup of the database and media, while the server runs. */
import path from "node:path";
import { backupTo } from "../lib/backup";
import { databaseUrl, dataDir } from "../lib/config";

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? path.join(dataDir(), "backups", `masthead-${stamp}.db`);
const result = await backupTo({ databaseUrl: databaseUrl(), mediaDir: path.join(dataDir(), "media"), target });
console.log(`Backup written to ${target} (${(result.bytes / 1024).toFixed(0)} KiB, ${result.media} media files).`);
