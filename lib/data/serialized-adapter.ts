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
  reuseStatements(inner);
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

/** How many prepared statements one connection keeps (least recently used go first). */
export const STATEMENT_CACHE_SIZE = 500;

type Statement = {
  reader: boolean;
  columns(): unknown[];
  raw(on: boolean): Statement;
  all(params: unknown[]): unknown[];
  run(params: unknown[]): unknown;
};
type Connection = { prepare(sql: string): Statement };

/**
 * The adapter prepares every query's SQL afresh (`client.prepare(sql).bind(args)`), and SQLite's
 * prepare was the largest single cost of a save (issue 16: 13% of an autosave's CPU). This gives
 * the adapter a connection whose prepare() reuses one statement per SQL text, bound per call:
 * what the adapter does with it (`reader`, `columns()`, `raw().all()`, `run()`) runs the cached
 * statement with that call's arguments. Prisma's SQL takes its values as parameters, so the
 * texts repeat; the few that do not (lists of different lengths) age out of the LRU.
 */
function reuseStatements(inner: Adapter) {
  const holder = inner as unknown as { client?: Connection };
  const connection = holder.client;
  if (!connection || typeof connection.prepare !== "function") throw new Error("The better-sqlite3 adapter no longer keeps its connection as `client`: the statement cache needs updating.");
  holder.client = withStatementCache(connection);
}

/** A connection whose prepare() answers from an LRU of prepared statements (exported for its test). */
export function withStatementCache<C extends Connection>(connection: C, size = STATEMENT_CACHE_SIZE): C {
  const cache = new Map<string, Statement>();
  const statementFor = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
    } else {
      statement = connection.prepare(sql);
      if (statement.reader) statement.raw(true);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
  const prepare = (sql: string) => {
    const statement = statementFor(sql);
    return {
      reader: statement.reader,
      columns: () => statement.columns(),
      bind(params: unknown[]) {
        return {
          reader: statement.reader,
          columns: () => statement.columns(),
          raw: () => ({ all: () => statement.all(params) }),
          all: () => statement.all(params),
          run: () => statement.run(params),
        };
      },
      run: () => statement.run([]),
    };
  };
  return new Proxy(connection, {
    get(target, key, receiver) {
      if (key === "prepare") return prepare;
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
