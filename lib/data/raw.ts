import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, directSqliteOf, engine } from "./db";

type Tx = Prisma.TransactionClient;
type Client = Tx | typeof db;

/**
 * Plain SQL for the statements every request runs: a reader page's reads, the sign-in check, an
 * autosave's reads and writes. On PostgreSQL they go through Prisma's raw queries as before. On
 * SQLite they run straight on the one connection (lib/data/serialized-adapter.ts DirectSqlite),
 * which gives the same rows Prisma's $queryRaw gives there (raw.test.ts holds the two equal), at
 * a tenth of the cost: through Prisma each statement was compiled, traced and mapped on the event
 * loop (issue 16: about 0.2 ms a statement, most of an autosave's remaining time).
 *
 * `client` is `db` or the transaction the statement belongs to. Outside a transaction the
 * statement waits for the connection's gate like any query. Inside one opened by the use cases'
 * inTransaction (which claims it, claimTransaction) it runs on the transaction's connection,
 * seeing its writes, and is refused once that transaction has ended (Prisma's timeout), never
 * run outside it; any other transaction's statements go through Prisma. Before Prisma has opened
 * the connection (the process's first query), statements go through Prisma, which opens it.
 */
export async function queryRows<T>(client: Client, query: Prisma.Sql): Promise<T[]> {
  const route = directRoute(client);
  return route ? route.direct.all<T>(query.sql, query.values, route.transaction) : client.$queryRaw<T[]>(query);
}

/** An INSERT, UPDATE or DELETE as plain SQL (queryRows' rules): the number of rows it changed. */
export async function executeSql(client: Client, query: Prisma.Sql): Promise<number> {
  const route = directRoute(client);
  return route ? route.direct.run(query.sql, query.values, route.transaction) : client.$executeRaw(query);
}

/** Transactions opened by inTransaction, with the connection's token for each. */
const claimed = new WeakMap<object, number>();

/**
 * Called first thing inside `db.$transaction(async (tx) => …)` (lib/use-cases/transaction.ts):
 * on SQLite the open transaction is then this one (the gate lets one run at a time), so its
 * statements may take the direct path.
 */
export function claimTransaction(tx: Tx): void {
  const token = engine === "sqlite" ? directSqliteOf()?.currentTransaction() : null;
  if (token != null) claimed.set(tx, token);
}

/** MASTHEAD_SQLITE_DIRECT=0 sends these statements through Prisma too (for measuring one against the other). */
const DIRECT = process.env.MASTHEAD_SQLITE_DIRECT !== "0";

function directRoute(client: Client) {
  const direct = DIRECT && engine === "sqlite" ? directSqliteOf() : null;
  if (!direct) return null;
  if (client === db) return { direct, transaction: null };
  const transaction = claimed.get(client);
  return transaction === undefined ? null : { direct, transaction };
}
