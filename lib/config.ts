/**
 * Runtime configuration with zero required settings. Everything has a default that works on a
 * fresh machine; environment variables override. Shared by the app, scripts and prisma.config.ts,
 * so it must not import anything server-only.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Directory holding the SQLite file, the session secret and uploaded media (gitignored). */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.MASTHEAD_DATA_DIR ?? path.join(process.cwd(), "data"));
  if (!existsSync(/*turbopackIgnore: true*/ dir)) mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  return dir;
}

/** `DATABASE_URL` when set (`file:` for SQLite, `postgresql://` for PostgreSQL), else `file:<data>/masthead.db`. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? `file:${path.join(dataDir(), "masthead.db")}`;
}

/** Whether a database URL selects PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * The session-signing secret: `NEXTAUTH_SECRET` when set, else generated once and kept in
 * data/secret so that sessions survive restarts.
 */
export function sessionSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(/*turbopackIgnore: true*/ dataDir(), "secret");
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    writeFileSync(/*turbopackIgnore: true*/ file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
}
