import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";
import { STATUS } from "@/lib/domain/workflow";
import { AppError } from "@/lib/errors";
import { transitionArticle } from "./transition-article";

/**
 * Publish every scheduled story whose time has come, through the same transition a person makes
 * (as SYSTEM_ACTOR): each gets its history line, revision, audit entry and notifications. Each
 * story is its own transaction, so one failure does not hold back the others. Idempotent and
 * safe to run from two processes at once: the transition is a compare-and-swap.
 */
export async function publishDueArticles({ now = new Date() }: { now?: Date } = {}): Promise<string[]> {
  const due = await db.article.findMany({ where: { status: STATUS.SCHEDULED, publishAt: { lte: now } }, select: { id: true }, orderBy: { publishAt: "asc" } });
  const published: string[] = [];
  for (const { id } of due) {
    try {
      await transitionArticle({ actor: SYSTEM_ACTOR, id, input: { action: "publish" }, now });
      published.push(id);
    } catch (error) {
      // Another process got there first, or it was rescheduled or cancelled meanwhile.
      // A story whose images lost their alt text waits, loudly.
      if (error instanceof AppError && ["CONFLICT", "INVALID_TRANSITION", "NOT_FOUND"].includes(error.code) && !error.details?.missingAlt) continue;
      console.error(`scheduled publication of ${id} failed`, error);
    }
  }
  return published;
}
