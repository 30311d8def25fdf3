import "server-only";
import { db } from "@/lib/data/db";
import { getPublication } from "@/lib/data/publication";
import { REMINDER_WINDOW_MS, STILL_DUE } from "@/lib/domain/deadline";
import { formatDateTime } from "@/lib/domain/time";
import { inTransaction, outcome } from "../transaction";

/**
 * Remind assignees of stories due within the next 24 hours that are still with them (draft or
 * changes requested). Run by the scheduler, for no person: the reminders are its effects.
 * Idempotent: a user gets one "deadline" notification per story, ever; an existing one (same
 * kind, same link) is the record that it was sent, checked in the transaction that sends.
 * Each story is its own transaction. Returns how many were sent.
 */
export async function notifyDeadlinesTomorrow({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const due = await db.article.findMany({
    where: { deadline: { gt: now, lte: new Date(now.getTime() + REMINDER_WINDOW_MS) }, status: { in: [...STILL_DUE] } },
    select: { id: true, headline: true, deadline: true, assignees: { where: { user: { active: true } }, select: { userId: true } } },
  });
  if (due.length === 0) return 0;
  const { timeZone } = await getPublication();
  let sent = 0;
  for (const article of due) {
    const link = `/newsroom/articles/${article.id}`;
    const userIds = [...new Set(article.assignees.map((a) => a.userId))];
    if (userIds.length === 0 || !article.deadline) continue;
    const title = `Due ${formatDateTime(article.deadline, timeZone)}: ${article.headline}`;
    const { data } = await inTransaction(undefined, async (tx) => {
      const already = await tx.notification.findMany({ where: { kind: "deadline", link, userId: { in: userIds } }, select: { userId: true } });
      const done = new Set(already.map((n) => n.userId));
      const pending = userIds.filter((id) => !done.has(id));
      return outcome(pending.length, { notify: pending.length ? [{ userIds: pending, kind: "deadline", title, link }] : [] });
    });
    sent += data;
  }
  return sent;
}
