/**
 * Gets a data directory ready to serve: creates it, generates the session secret (SQLite; on
 * PostgreSQL it must be given as NEXTAUTH_SECRET, the same on every instance), applies
 * migrations, and with --demo loads the demo newsroom. --fresh deletes the database first
 * (the e2e suite uses it on its own database file, never on data/masthead.db).
 *   tsx scripts/prepare.ts [--demo] [--fresh]
 */
// First: the seed calls use cases, which are server-only modules (see the file).
import "./lib/allow-server-only";
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { databaseUrl, dataDir, isPostgresUrl, sessionSecret, sessionSecretProblem } from "../lib/config";
import { migratePostgres } from "./lib/pg-migrate";

const args = new Set(process.argv.slice(2));
const url = databaseUrl();
const file = url.startsWith("file:") ? url.slice("file:".length) : null;

if (args.has("--fresh")) {
  if (!file) throw new Error("--fresh only works with a file: DATABASE_URL");
  if (!process.env.DATABASE_URL) throw new Error("--fresh refuses to delete the default database; set DATABASE_URL");
  for (const suffix of ["", "-wal", "-shm", "-journal"]) if (existsSync(file + suffix)) rmSync(file + suffix);
}

// Before anything is written: a data/secret made here would be this machine's alone.
const secretProblem = sessionSecretProblem({ NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, DATABASE_URL: url });
if (secretProblem) {
  console.error(secretProblem);
  process.exit(1);
}
dataDir();
sessionSecret();

if (isPostgresUrl(url)) {
  // PostgreSQL: the derived migrations in prisma/postgres, applied through pg (scripts/lib/pg-migrate.ts).
  await migratePostgres(url);
} else {
  const prismaBin = fileURLToPath(new URL("../node_modules/prisma/build/index.js", import.meta.url));
  const migrate = spawnSync(process.execPath, [prismaBin, "migrate", "deploy"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: url },
  });
  if (migrate.status !== 0) {
    process.stdout.write(migrate.stdout);
    throw new Error("prisma migrate deploy failed");
  }
}
// WAL lets readers (and online backups) run while the server writes; the mode persists in the file.
if (file) {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}
// Authenticator secrets from before they were sealed at rest are sealed now (issue 14).
{
  const { sealStoredSecrets } = await import("../lib/use-cases/two-factor/seal-stored-secrets");
  const { data } = await sealStoredSecrets();
  if (data.sealed > 0) console.log(`Sealed ${data.sealed} authenticator secret(s) stored in the clear.`);
  await (await import("../lib/data/db")).db.$disconnect();
}
console.log(`Database ready: ${url}`);

// Photos stored on disk before the database held them (issue 15) are copied in, once; the files
// stay where they were. Nothing to do with MASTHEAD_MEDIA_STORE=disk.
{
  const { copyDiskMediaIntoDatabase } = await import("../lib/data/media-files");
  const copied = await copyDiskMediaIntoDatabase();
  if (copied > 0) console.log(`Copied ${copied} photo renditions from data/media into the database`);
  if (!args.has("--demo")) await (await import("../lib/data/db")).db.$disconnect();
}

if (args.has("--demo")) {
  // Imported only now, after allow-server-only and after --fresh removed the old database file.
  const { seedDemo } = await import("../prisma/seed");
  await seedDemo();
  await (await import("../lib/data/db")).db.$disconnect();
}
