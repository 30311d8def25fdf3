import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";
import { claimTransaction } from "@/lib/data/raw";
import type { Prisma } from "@/lib/generated/prisma/client";
import { applyAfterCommit, type Effects, mergeEffects, persistEffects } from "./effects";

export type Tx = Prisma.TransactionClient;

/** What every use case returns: its result and what else it changed. */
export type Outcome<T> = { data: T; effects: Effects };

/** The one options object every use case takes. `tx`: run inside a caller's transaction. */
export type UseCaseArgs<I> = { actor: Actor; input: I; tx?: Tx; now?: Date };

export function outcome<T>(data: T, ...effects: (Partial<Effects> | undefined)[]): Outcome<T> {
  return { data, effects: mergeEffects(...effects) };
}

/**
 * Run a use case's writes in a transaction. Given a caller's `tx`, the work joins it and its
 * effects go back to that caller, whose own transaction persists them. Without one, it opens a
 * transaction, persists the audit rows and notifications inside it, and applies the after-commit
 * effects (cache refresh) once it has committed; a failure anywhere rolls everything back.
 *
 * Inside the work only `tx` may be used, never `db` (lib/data/serialized-adapter.ts): reads and
 * CPU-heavy preparation belong before this call.
 */
export async function inTransaction<T>(tx: Tx | undefined, work: (tx: Tx) => Promise<Outcome<T>>, clock?: PhaseClock): Promise<Outcome<T>> {
  if (tx) return work(tx);
  const done = await db.$transaction(async (own) => {
    claimTransaction(own);
    const result = await work(own);
    await persistEffects(own, result.effects);
    return result;
  });
  clock?.mark("persist");
  await applyAfterCommit(done.effects);
  clock?.mark("effects");
  return done;
}

/**
 * Where a request's time goes, part by part: each `mark(part)` adds the time since the previous
 * mark to `part` (lib/http/server-timing.ts sends it as a Server-Timing header).
 */
export type PhaseClock = { mark: (part: "auth" | "parse" | "validate" | "persist" | "effects" | "respond") => void };
