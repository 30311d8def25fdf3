/**
 * Deadlines of assigned stories. PURE: no Prisma, no Next.
 *
 * A deadline is for the writers' work: it is met when the story leaves them (submitted), so
 * only a story still with its writers can be overdue, or needs a reminder.
 */
import { type ArticleStatus, isWithWriters, WITH_WRITERS } from "./workflow";

/** The work is not in yet: a passed deadline in these states is overdue. */
export const STILL_DUE: readonly ArticleStatus[] = WITH_WRITERS;

/** How far ahead a deadline reminder goes out. */
export const REMINDER_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Deadline passed and the story is still with its writers. */
export function isOverdue(article: { deadline: Date | null; status: ArticleStatus }, now: Date): boolean {
  return article.deadline !== null && article.deadline.getTime() < now.getTime() && isWithWriters(article.status);
}

/** Still with its writers and due within the reminder window (not yet passed). */
export function needsDeadlineReminder(article: { deadline: Date | null; status: ArticleStatus }, now: Date): boolean {
  if (article.deadline === null || !isWithWriters(article.status)) return false;
  const left = article.deadline.getTime() - now.getTime();
  return left > 0 && left <= REMINDER_WINDOW_MS;
}
