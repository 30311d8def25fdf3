/**
 * Page-cache purges across app instances on one PostgreSQL database, through LISTEN/NOTIFY:
 * no new server, and a notification reaches every listening session within milliseconds.
 *
 * Rules that must always hold:
 * - `publish()` runs after the write committed (applyAfterCommit), so an instance that hears it
 *   and re-renders reads the new rows.
 * - An instance ignores its own notifications (it purged before publishing).
 * - A listener that loses its connection may have missed purges: when it is back it purges as
 *   if it had heard one, so a missed notification costs a re-render, never a stale page.
 * On SQLite there is one process and no bus: purgePageCache() purges that process only.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";

export const PURGE_CHANNEL = "masthead_page_purge";
const RECONNECT_MS = 1_000;

export type PurgeBus = {
  /** This instance's id, the payload of its notifications. */
  readonly instanceId: string;
  /** Tell every other instance to purge. Never throws: a failure is logged. */
  publish(): Promise<void>;
  close(): Promise<void>;
};

export type PurgeBusOptions = {
  url: string;
  /** Another instance purged (or this one may have missed a purge): purge here. */
  onRemotePurge: () => void;
  instanceId?: string;
  log?: (message: string, error?: unknown) => void;
};

/** Resolves once this instance listens, so a purge published after it returns is heard. */
export async function startPurgeBus({ url, onRemotePurge, instanceId = randomUUID(), log = (m, e) => console.error(m, e ?? "") }: PurgeBusOptions): Promise<PurgeBus> {
  // Notifying needs no session of its own for long: a small pool, apart from Prisma's.
  const pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 10_000 });
  pool.on("error", (error) => log("purge bus: idle connection failed", error));
  let closed = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (message) => {
      if (message.channel === PURGE_CHANNEL && message.payload !== instanceId) onRemotePurge();
    });
    const lost = (error?: unknown) => {
      if (listener !== client) return;
      listener = null;
      void client.end().catch(() => {});
      if (closed) return;
      log("purge bus: listener lost, reconnecting", error);
      scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    await client.connect();
    await client.query(`LISTEN ${PURGE_CHANNEL}`);
    listener = client;
  };

  const scheduleReconnect = () => {
    retry = setTimeout(() => {
      retry = null;
      listen()
        .then(() => onRemotePurge())
        .catch((error) => {
          log("purge bus: reconnect failed", error);
          if (!closed) scheduleReconnect();
        });
    }, RECONNECT_MS);
    retry.unref();
  };

  try {
    await listen();
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    instanceId,
    async publish() {
      try {
        await pool.query("SELECT pg_notify($1, $2)", [PURGE_CHANNEL, instanceId]);
      } catch (error) {
        log("purge bus: could not notify the other instances", error);
      }
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      await Promise.allSettled([client?.end(), pool.end()]);
    },
  };
}

/**
 * `fn` run once for any number of calls while it runs, plus once more after if called meanwhile:
 * a burst of purges from other instances costs one revalidation, and the last one is never lost.
 */
export function coalesce(fn: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void fn()
      .catch(() => {})
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
}
