/**
 * Online backups on PostgreSQL: `pg_dump --format=directory`, one consistent snapshot (a single
 * repeatable-read transaction) while the servers keep writing. The backup is that directory,
 * so `pg_restore` reads it as it is; uploaded media still on disk are copied into its `media/`
 * folder, which pg_restore ignores. Restore goes into an empty database only: one with no
 * tables, made here when it does not exist yet.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** Debian's PostgreSQL 15 client programs; MASTHEAD_PG_BIN points elsewhere. */
function pgBin(name: string): string {
  return path.join(process.env.MASTHEAD_PG_BIN ?? "/usr/lib/postgresql/15/bin", name);
}

/**
 * The URL as libpq takes it: the query parameters that only Prisma or node-postgres know
 * (libpq refuses an unknown one) are left out.
 */
export function libpqUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  for (const key of ["schema", "connection_limit", "pool_timeout", "socket_timeout", "pgbouncer", "statement_cache_size"]) url.searchParams.delete(key);
  return url.toString();
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

function sizeOf(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const full = path.join(dir, name);
    return sum + (statSync(full).isDirectory() ? sizeOf(full) : statSync(full).size);
  }, 0);
}

async function programError(program: string, error: unknown): Promise<never> {
  const e = error as { stderr?: string; message?: string };
  throw new Error(`${program} failed: ${(e.stderr || e.message || String(error)).trim()}`);
}

export async function backupPostgres({ databaseUrl, mediaDir, target }: { databaseUrl: string; mediaDir: string; target: string }) {
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new name`);
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  // --no-owner / --no-privileges: a restore under another role still owns what it creates.
  await run(pgBin("pg_dump"), ["--format=directory", "--compress=6", "--no-owner", "--no-privileges", `--file=${target}`, `--dbname=${libpqUrl(databaseUrl)}`]).catch((e) =>
    programError("pg_dump", e),
  );
  // Media are write-once files named by their content, so a copy after the snapshot holds every
  // file the snapshot's rows name (and perhaps a few newer ones, which nothing names yet).
  const files = listFiles(mediaDir);
  if (files.length > 0) cpSync(mediaDir, path.join(target, "media"), { recursive: true });
  return { media: files.length, bytes: sizeOf(target) };
}

/** Connects to `url`'s database, creating it (empty) when it does not exist. */
async function connectOrCreate(url: string): Promise<pg.Client> {
  const first = new pg.Client({ connectionString: url });
  try {
    await first.connect();
    return first;
  } catch (error) {
    await first.end().catch(() => {});
    if ((error as { code?: string }).code !== "3D000") throw error; // invalid_catalog_name: no such database
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const maintenance = new pg.Client({ connectionString: admin.toString() });
  await maintenance.connect();
  try {
    await maintenance.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await maintenance.end();
  }
  const created = new pg.Client({ connectionString: url });
  await created.connect();
  return created;
}

export async function restorePostgres({ databaseUrl, mediaDir, source }: { databaseUrl: string; mediaDir: string; source: string }) {
  if (!existsSync(path.join(source, "toc.dat"))) throw new Error(`${source} is not a PostgreSQL backup (no toc.dat: made by npm run backup?)`);
  if (listFiles(mediaDir).length > 0) throw new Error(`${mediaDir} is not empty: restore only into an empty data directory`);
  const client = await connectOrCreate(databaseUrl);
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
    if (Number(rows[0].n) > 0) throw new Error(`${new URL(databaseUrl).pathname.slice(1)} already has tables: restore only into an empty database`);
  } finally {
    await client.end();
  }
  // One transaction: a restore that fails half-way leaves the database empty, to try again.
  await run(pgBin("pg_restore"), ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", `--dbname=${libpqUrl(databaseUrl)}`, source]).catch((e) =>
    programError("pg_restore", e),
  );
  const media = listFiles(path.join(source, "media"));
  if (media.length > 0) cpSync(path.join(source, "media"), mediaDir, { recursive: true });
  return { media: media.length };
}
