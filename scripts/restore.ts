/** npm run restore <backup> — restore a backup into an empty data directory or an empty PostgreSQL database (never over a live one). */
import path from "node:path";
import { restoreFrom } from "../lib/backup";
import { databaseUrl, dataDir } from "../lib/config";

const source = process.argv[2];
if (!source) {
  console.error("Usage: npm run restore <backup-file>   (set MASTHEAD_DATA_DIR or DATABASE_URL to choose where)");
  process.exit(2);
}
const result = await restoreFrom({ databaseUrl: databaseUrl(), mediaDir: path.join(dataDir(), "media"), source: path.resolve(source) });
console.log(`Restored ${databaseUrl()} and ${result.media} media files from ${source}.`);
