import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Mutex } from "async-mutex";

type Factory = InstanceType<typeof PrismaBetterSQLite3>;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * The better-sqlite3 adapter runs every query of the process on ONE connection. Its own mutex
 * only keeps transactions apart from each other: a plain query from another request that
 * arrives while an interactive transaction is awaiting runs *inside* that transaction, sees its
 * uncommitted rows, and is undone if it rolls back — an acknowledged save could vanish.
 *
 * This factory puts one gate in front of the connection: a transaction holds it from BEGIN to
 * COMMIT/ROLLBACK, and every query outside a transaction waits for it. Queries issued through
 * the transaction object run while the gate is held (that is the transaction's own work).
 *
 * Plain reads (a lone SELECT outside a transaction) go to a second connection of their own, which
 * only ever sees committed rows (WAL), so they never wait for a transaction either: the sign-in
 * check every request makes and the readers' pages no longer queue behind autosaves' writes
 * (issue 16). A request's own earlier writes are committed before it reads, so it reads them.
 *
 * Rule that must hold: inside `db.$transaction(async (tx) => …)` use `tx`, never `db` — a root
 * write there waits for the very transaction it is part of, until Prisma's timeout.
 */
export class SerializedSQLite3 {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: Factory;

  readonly #args: ConstructorParameters<typeof PrismaBetterSQLite3>;

  constructor(...args: ConstructorParameters<typeof PrismaBetterSQLite3>) {
    this.#inner = new PrismaBetterSQLite3(...args);
    this.#args = args;
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<Adapter> {
    // The readers' connection: the same file, a connection of its own.
    const reader = await new PrismaBetterSQLite3(...this.#args).connect();
    return serialize(await this.#inner.connect(), reader);
  }

  async connectToShadowDb(): Promise<Adapter> {
    return serialize(await this.#inner.connectToShadowDb(), null);
  }
}

/**
 * A statement that only reads and needs nothing of the writers' connection: one SELECT (never
 * `RETURNING`, never a connection-local function such as last_insert_rowid()). Exported for tests.
 */
export function isPlainRead(sql: string): boolean {
  return /^\s*SELECT\b/i.test(sql) && !/;\s*\S/.test(sql) && !/\b(RETURNING|last_insert_rowid|changes|total_changes)\b/i.test(sql);
}

function serialize(inner: Adapter, reader: Adapter | null): Adapter {
  const gate = new Mutex();
  const adapter: Adapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => (reader && isPlainRead(query.sql) ? reader.queryRaw(query) : gate.runExclusive(() => inner.queryRaw(query))),
    executeRaw: (query) => gate.runExclusive(() => inner.executeRaw(query)),
    executeScript: (script) => gate.runExclusive(() => inner.executeScript(script)),
    dispose: async () => {
      await Promise.all([inner.dispose(), reader?.dispose()]);
    },
    async startTransaction(isolationLevel) {
      const release = await gate.acquire();
      let tx: Transaction;
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      let open = true;
      const finish = async (end: () => Promise<void>) => {
        try {
          await end();
        } finally {
          if (open) {
            open = false;
            release();
          }
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query) => tx.queryRaw(query),
        executeRaw: (query) => tx.executeRaw(query),
        commit: () => finish(() => tx.commit()),
        rollback: () => finish(() => tx.rollback()),
      };
    },
  };
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
}
