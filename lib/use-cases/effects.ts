import "server-only";
import { revalidatePath } from "next/cache";
import { type AuditEvent, recordAudit } from "@/lib/data/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type NotificationKind, notify } from "@/lib/data/notifications";
import { purgePageCache } from "@/lib/http/page-cache-hook";

type Tx = Prisma.TransactionClient;

/** Somebody to tell, as an in-app notification (and in their digest if they chose that kind). */
export type Notice = { userIds: string[]; kind: NotificationKind; title: string; link: string; exceptUserId?: string; /** A quoted note, shown under the title. */ excerpt?: string };

/**
 * What a write changed besides its own rows, as data. A use case returns these; one adapter
 * applies them: audit rows and notifications inside the write's transaction, the reader site's
 * refresh after it commits. A new write therefore cannot forget its audit entry or the cache.
 */
export type Effects = {
  /** Something readers can see changed: every reader page and the page cache are refreshed. */
  readerSiteChanged: boolean;
  audit: AuditEvent[];
  notify: Notice[];
  /**
   * The actor's own session ended (they changed their password): their page is not re-rendered,
   * as it would send them to sign in before they could read the answer.
   */
  actorSignedOut?: boolean;
};

export function mergeEffects(...parts: (Partial<Effects> | undefined)[]): Effects {
  return {
    readerSiteChanged: parts.some((p) => p?.readerSiteChanged),
    audit: parts.flatMap((p) => p?.audit ?? []),
    notify: parts.flatMap((p) => p?.notify ?? []),
    ...(parts.some((p) => p?.actorSignedOut) ? { actorSignedOut: true } : {}),
  };
}

/** The in-transaction half: audit rows and notifications commit (or roll back) with the write. */
export async function persistEffects(tx: Tx, effects: Effects): Promise<void> {
  for (const event of effects.audit) await recordAudit(tx, event);
  for (const notice of effects.notify) await notify(tx, notice);
}

const OUTSIDE_KEY = Symbol.for("masthead.refreshOutsideRequest");
type Refresher = () => Promise<void>;
const store = globalThis as Record<symbol, Refresher | undefined>;

/**
 * How to refresh the reader site when no request is running (the scheduler): Next revalidates
 * only inside a request, so the server registers a refresher that asks itself over HTTP.
 */
export function registerOutsideRequestRefresher(fn: Refresher) {
  store[OUTSIDE_KEY] = fn;
}

/**
 * The after-commit half. Every write refreshes the newsroom's views; a change readers can see
 * also marks every reader page stale and empties the server's page cache, and (on PostgreSQL)
 * every other instance's. `localOnly`: this refresh was asked for by another instance's purge,
 * or its purge was already broadcast, so it is not broadcast again.
 */
export async function applyAfterCommit(effects: Effects, { localOnly = false }: { localOnly?: boolean } = {}): Promise<void> {
  if (effects.readerSiteChanged) purgePageCache({ localOnly });
  else if (effects.actorSignedOut) return;
  try {
    revalidatePath(effects.readerSiteChanged ? "/" : "/newsroom", "layout");
  } catch {
    // Outside a request (the scheduler, a script, a test): Next has no cache to mark here.
    if (effects.readerSiteChanged) await store[OUTSIDE_KEY]?.();
  }
}
