import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The Prisma singleton (one per process, kept on globalThis so dev reloads reuse it).
 * `passwordHash` is omitted from every query unless a caller asks for it explicitly.
 */
function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl() });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { mastheadPrisma?: Client };

export const db: Client = globalForPrisma.mastheadPrisma ?? createClient();
globalForPrisma.mastheadPrisma = db;
