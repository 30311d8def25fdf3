import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseUrl, isPostgresUrl } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/prisma-pg/client";
import { type DirectSqlite, SerializedSQLite3 } from "./serialized-adapter";

/**
 * The Prisma singleton (one per process, kept on globalThis so dev reloads reuse it).
 * `DATABASE_URL=postgresql://…` selects PostgreSQL through @prisma/adapter-pg and the client
 * generated from prisma/postgres/schema.prisma (the same models, so it is typed as the SQLite
 * client); anything else is SQLite, whose adapter serializes the one connection
 * (see serialized-adapter.ts).
 * `passwordHash` is omitted from every query unless a caller asks for it explicitly.
 */
function createClient() {
  const url = databaseUrl();
  if (isPostgresUrl(url)) {
    // Our own pool, so that what speaks SQL itself (the rate-limit store) shares its connections.
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection the server closed (a restart, a failover) must not crash the process.
    pool.on("error", (error) => console.error("database pool: idle connection failed", error.message));
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    // Transactions are short, but on a busy machine the event loop between their queries is
    // not: wait longer for a pooled connection and allow more time than Prisma's 2 s / 5 s
    // before a write is given up (and answered 503 BUSY, lib/errors.ts).
    const transactionOptions = { maxWait: 10_000, timeout: 15_000 };
    const client = new PgPrismaClient({ adapter, transactionOptions, omit: { user: { passwordHash: true } } }) as unknown as ReturnType<typeof createSqliteClient>;
    Object.defineProperty(client, POOL, { value: pool });
    return client;
  }
  return createSqliteClient(url);
}

function createSqliteClient(url: string) {
  const adapter = new SerializedSQLite3({ url });
  const client = new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
  Object.defineProperty(client, ADAPTER, { value: adapter });
  return client;
}

const ADAPTER = Symbol.for("masthead.sqliteAdapter");

/** The direct path to this SQLite client's connection (lib/data/raw.ts), once Prisma has connected; null on PostgreSQL or before. */
export function directSqliteOf(client: object = db): DirectSqlite | null {
  return (client as Record<symbol, SerializedSQLite3 | undefined>)[ADAPTER]?.direct ?? null;
}

const POOL = Symbol.for("masthead.pgPool");

/** Which engine DATABASE_URL selects; raw SQL branches on it. */
export const engine: "postgres" | "sqlite" = isPostgresUrl(databaseUrl()) ? "postgres" : "sqlite";

type Client = ReturnType<typeof createSqliteClient>;
const globalForPrisma = globalThis as unknown as { mastheadPrisma?: Client };

export const db: Client = globalForPrisma.mastheadPrisma ?? createClient();
globalForPrisma.mastheadPrisma = db;

/** The pg pool under a PostgreSQL client (this process's by default); null on SQLite. */
export function pgPoolOf(client: object = db): pg.Pool | null {
  return (client as Record<symbol, pg.Pool | undefined>)[POOL] ?? null;
}
