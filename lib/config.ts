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
 * Why a server on this configuration may not start, or null. On PostgreSQL several instances
 * may share the database, and each signs sessions and seals authenticator secrets with the
 * session secret: data/secret is on one machine only, so another instance would refuse the
 * first's cookies (and could not open its authenticators). There the secret must be configured.
 */
export function sessionSecretProblem(env: Record<string, string | undefined> = process.env): string | null {
  if (env.NEXTAUTH_SECRET || !isPostgresUrl(env.DATABASE_URL ?? "")) return null;
  return [
    "NEXTAUTH_SECRET is not set. On PostgreSQL every app instance must sign sessions with the same secret, and data/secret is on this machine only.",
    "Set one NEXTAUTH_SECRET on every instance (for example `openssl rand -base64 32`). If this server already ran on PostgreSQL, use the contents of its data/secret instead: authenticator apps set up here were sealed with it, and signed-in users stay signed in.",
  ].join("\n");
}

/**
 * The session-signing secret: `NEXTAUTH_SECRET` when set, else generated once and kept in
 * data/secret so that sessions survive restarts (SQLite, one server; on PostgreSQL
 * scripts/prepare.ts refuses to start without NEXTAUTH_SECRET, see sessionSecretProblem).
 */
export function sessionSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(/*turbopackIgnore: true*/ dataDir(), "secret");
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    writeFileSync(/*turbopackIgnore: true*/ file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
}
