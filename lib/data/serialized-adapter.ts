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

  /** The connection's direct path (lib/data/raw.ts), once Prisma has connected. */
  direct: DirectSqlite | null = null;

  async connect(): Promise<Adapter> {
    return serialize(await this.#inner.connect(), (d) => (this.direct = d));
  }

  async connectToShadowDb(): Promise<Adapter> {
    return serialize(await this.#inner.connectToShadowDb());
  }
}

function serialize(inner: Adapter, onDirect?: (d: DirectSqlite | null) => void): Adapter {
  const cache = reuseStatements(inner);
  const gate = new Mutex();
  let transactions = 0;
  let openTransaction: number | null = null;
  onDirect?.(direct(cache, gate, () => openTransaction));
  const adapter: Adapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => gate.runExclusive(() => inner.queryRaw(query)),
    executeRaw: (query) => gate.runExclusive(() => inner.executeRaw(query)),
    executeScript: (script) => gate.runExclusive(() => inner.executeScript(script)),
    dispose: () => {
      onDirect?.(null);
      return inner.dispose();
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
      openTransaction = ++transactions;
      const finish = async (end: () => Promise<void>) => {
        try {
          await end();
        } finally {
          if (open) {
            open = false;
            openTransaction = null;
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

type Column = { name: string; type: string | null };
type Statement = {
  reader: boolean;
  columns(): Column[];
  raw(on: boolean): Statement;
  all(params: unknown[]): unknown[][];
  run(params: unknown[]): { changes: number };
};
type Connection = { prepare(sql: string): Statement };
/** A cached statement with its result columns, read once (a statement's columns are fixed once it is prepared). */
type Cached = { statement: Statement; columns: Column[] | null };

/**
 * The adapter prepares every query's SQL afresh (`client.prepare(sql).bind(args)`), and SQLite's
 * prepare was the largest single cost of a save (issue 16: 13% of an autosave's CPU). This gives
 * the adapter a connection whose prepare() reuses one statement per SQL text, bound per call:
 * what the adapter does with it (`reader`, `columns()`, `raw().all()`, `run()`) runs the cached
 * statement with that call's arguments. Prisma's SQL takes its values as parameters, so the
 * texts repeat; the few that do not (lists of different lengths) age out of the LRU.
 */
function reuseStatements(inner: Adapter): StatementCache {
  const holder = inner as unknown as { client?: Connection };
  const connection = holder.client;
  if (!connection || typeof connection.prepare !== "function") throw new Error("The better-sqlite3 adapter no longer keeps its connection as `client`: the statement cache needs updating.");
  const cache = new StatementCache(connection);
  holder.client = cache.connection;
  return cache;
}

/** An LRU of prepared statements over one connection, and that connection as the adapter sees it (exported for its test). */
export class StatementCache {
  readonly #entries = new Map<string, Cached>();
  readonly #raw: Connection;
  readonly #size: number;
  /** The connection with prepare() answering from the cache; everything else is the connection's own. */
  readonly connection: Connection;

  constructor(connection: Connection, size = STATEMENT_CACHE_SIZE) {
    this.#raw = connection;
    this.#size = size;
    const prepare = (sql: string) => this.#adapterView(this.get(sql));
    this.connection = new Proxy(connection, {
      get(target, key, receiver) {
        if (key === "prepare") return prepare;
        const value = Reflect.get(target, key, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The statement for `sql`, prepared now or reused; readers return rows as arrays (`raw`). */
  get(sql: string): Cached {
    let cached = this.#entries.get(sql);
    if (cached) {
      this.#entries.delete(sql);
    } else {
      const statement = this.#raw.prepare(sql);
      if (statement.reader) statement.raw(true);
      cached = { statement, columns: null };
      if (this.#entries.size >= this.#size) this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(sql, cached);
    return cached;
  }

  /** A reader's result columns (name and declared type), read from SQLite once per statement. */
  columnsOf(cached: Cached): Column[] {
    return (cached.columns ??= cached.statement.columns());
  }

  #adapterView(cached: Cached) {
    const { statement } = cached;
    return {
      reader: statement.reader,
      columns: () => this.columnsOf(cached),
      bind: (params: unknown[]) => ({
        reader: statement.reader,
        columns: () => this.columnsOf(cached),
        raw: () => ({ all: () => statement.all(params) }),
        all: () => statement.all(params),
        run: () => statement.run(params),
      }),
      run: () => statement.run([]),
    };
  }
}

/**
 * Plain SQL straight on the connection, for the statements every request runs (lib/data/raw.ts):
 * through Prisma each one, already plain SQL, still cost about 0.2 ms of compiling, tracing and
 * mapping on the event loop, most of an autosave's remaining time (issue 16). Rows come back as
 * Prisma's raw queries give them on SQLite: DATETIME columns as Date, BOOLEAN ones as booleans,
 * integers as numbers. Outside a transaction a statement waits for the gate like any other query;
 * inside one (`inTransaction`) it runs on the transaction's own connection, which is this one.
 */
export type DirectSqlite = {
  /** `transaction`: the token of the open transaction the statement belongs to (currentTransaction), or null for none. */
  all<T>(sql: string, values: readonly unknown[], transaction: number | null): Promise<T[]>;
  run(sql: string, values: readonly unknown[], transaction: number | null): Promise<number>;
  /** The open transaction's token (one at a time: the gate), or null. A new token for every BEGIN. */
  currentTransaction(): number | null;
};

/** A value as Prisma's adapter binds it: a Date as ISO text with +00:00, a boolean as 1 or 0. */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

type Kind = "int" | "bigint" | "number" | "date" | "bool" | "as-is";

/** How Prisma's adapter reads a declared column type (its mapDeclType), for the kinds our SQL meets. */
function declaredKind(type: string | null): Kind | null {
  switch (type?.toUpperCase()) {
    case "TINYINT": case "SMALLINT": case "MEDIUMINT": case "INT": case "INTEGER": case "SERIAL": case "INT2":
      return "int";
    case "BIGINT": case "UNSIGNED BIG INT": case "INT8":
      return "bigint";
    case "DECIMAL": case "FLOAT": case "DOUBLE": case "DOUBLE PRECISION": case "NUMERIC": case "REAL":
      return "number";
    case "DATETIME": case "TIMESTAMP":
      return "date";
    case "BOOLEAN":
      return "bool";
    case undefined: case "":
      return null;
    default:
      return "as-is";
  }
}

/**
 * Rows as Prisma's $queryRaw gives them on SQLite: a column's declared type decides (INTEGER a
 * number, DATETIME a Date, BOOLEAN a boolean); an expression's column takes the type of its first
 * value that is not null (an integer a BigInt, as Prisma's Int64), as the adapter infers it.
 */
function rowsFrom(columns: Column[], rows: unknown[][]): Record<string, unknown>[] {
  const kinds = columns.map(({ type }, i): Kind => {
    const declared = declaredKind(type);
    if (declared) return declared;
    const first = rows.find((r) => r[i] !== null && r[i] !== undefined)?.[i];
    return typeof first === "bigint" ? "bigint" : "as-is";
  });
  return rows.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const v = values[i];
      const kind = kinds[i]!;
      row[columns[i]!.name] =
        v === null || v === undefined
          ? null
          : kind === "int" || kind === "number"
            ? Number(v)
            : kind === "bigint"
              ? BigInt(v as bigint | number | string)
              : kind === "date"
                ? new Date(typeof v === "bigint" ? Number(v) : (v as string | number))
                : kind === "bool"
                  ? Boolean(typeof v === "bigint" ? Number(v) : v)
                  : v;
    }
    return row;
  });
}

function direct(cache: StatementCache, gate: Mutex, open: () => number | null): DirectSqlite {
  const guarded = <T>(transaction: number | null, work: () => T): Promise<T> => {
    if (transaction === null) return gate.runExclusive(work);
    // A transaction Prisma has ended (committed, or rolled back at its timeout) must not have
    // statements run after it, outside any transaction, or inside someone else's.
    if (open() !== transaction) return Promise.reject(new Error("Transaction already closed: a statement was sent after its transaction ended."));
    return Promise.resolve().then(work);
  };
  return {
    currentTransaction: open,
    all: <T>(sql: string, values: readonly unknown[], transaction: number | null) =>
      guarded(transaction, () => {
        const cached = cache.get(sql);
        if (!cached.statement.reader) throw new Error("DirectSqlite.all() is for statements that return rows.");
        const columns = cache.columnsOf(cached);
        return rowsFrom(columns, cached.statement.all(values.map(bindable))) as T[];
      }),
    run: (sql: string, values: readonly unknown[], transaction: number | null) => guarded(transaction, () => cache.get(sql).statement.run(values.map(bindable)).changes),
  };
}
