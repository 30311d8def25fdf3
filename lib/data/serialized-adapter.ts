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
 * Rule that must hold: inside `db.$transaction(async (tx) => …)` use `tx`, never `db` — a root
 * query there waits for the very transaction it is part of, until Prisma's timeout.
 */
export class SerializedSQLite3 {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: Factory;

  constructor(...args: ConstructorParameters<typeof PrismaBetterSQLite3>) {
    this.#inner = new PrismaBetterSQLite3(...args);
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<Adapter> {
    return serialize(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<Adapter> {
    return serialize(await this.#inner.connectToShadowDb());
  }
}

function serialize(inner: Adapter): Adapter {
  const gate = new Mutex();
  const adapter: Adapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => gate.runExclusive(() => inner.queryRaw(query)),
    executeRaw: (query) => gate.runExclusive(() => inner.executeRaw(query)),
    executeScript: (script) => gate.runExclusive(() => inner.executeScript(script)),
    dispose: () => inner.dispose(),
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
