import "server-only";
import { databaseUrl } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { SerializedSQLite3 } from "./serialized-adapter";

/**
 * The Prisma singleton (one per process, kept on globalThis so dev reloads reuse it).
 * Its adapter serializes the one SQLite connection (see serialized-adapter.ts).
 * `passwordHash` is omitted from every query unless a caller asks for it explicitly.
 */
function createClient() {
  const adapter = new SerializedSQLite3({ url: databaseUrl() });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { mastheadPrisma?: Client };

export const db: Client = globalForPrisma.mastheadPrisma ?? createClient();
globalForPrisma.mastheadPrisma = db;
