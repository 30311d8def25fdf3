import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { engine } from "./db";

/**
 * Serialise a check-then-write against every other transaction taking the same lock, until
 * this transaction ends. SQLite needs nothing: its one connection runs one transaction at a
 * time (serialized-adapter.ts). PostgreSQL runs them side by side at READ COMMITTED, where two
 * transactions can both see "no row yet" and both insert; a transaction-scoped advisory lock
 * makes the second wait and then see the first one's rows.
 */
export async function lockForTransaction(tx: Prisma.TransactionClient, name: string): Promise<void> {
  if (engine !== "postgres") return;
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${name}))::text`;
}
