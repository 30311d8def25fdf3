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
 * - A notification that could not be sent (the database refused a connection, a timeout) is
 *   sent again in the background, a few times with growing pauses (RETRY_MS); a publish made
 *   while one is waiting is folded into it, since one notification purges everything.
 * On SQLite there is one process and no bus: purgePageCache() purges that process only.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";

export const PURGE_CHANNEL = "masthead_page_purge";
const RECONNECT_MS = 1_000;
/** Pauses before each new try of a notification that failed; then it is given up (and logged). */
export const RETRY_MS = [250, 1_000, 4_000, 15_000] as const;

export type PurgeBus = {
  /** This instance's id, the payload of its notifications. */
  readonly instanceId: string;
  /** Tell every other instance to purge. Never throws: a failure is logged and retried (RETRY_MS). */
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

  const notify = () => pool.query("SELECT pg_notify($1, $2)", [PURGE_CHANNEL, instanceId]);
  let resend: NodeJS.Timeout | null = null;
  const scheduleResend = (attempt: number) => {
    if (closed || resend) return;
    const wait = RETRY_MS[attempt];
    if (wait === undefined) {
      log("purge bus: gave up notifying the other instances; their pages refresh when their cache time runs out");
      return;
    }
    resend = setTimeout(() => {
      resend = null;
      notify().catch((error) => {
        log(`purge bus: notifying again failed (try ${attempt + 2})`, error);
        scheduleResend(attempt + 1);
      });
    }, wait);
    resend.unref();
  };

  return {
    instanceId,
    async publish() {
      try {
        await notify();
      } catch (error) {
        log("purge bus: could not notify the other instances; trying again", error);
        scheduleResend(0);
      }
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (resend) clearTimeout(resend);
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
