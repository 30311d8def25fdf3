/** What the workflow panel says: button labels and the line after an action. PURE. */
import { TZDate } from "@date-fns/tz";
import { isScheduled, type ArticleStatus, type TransitionAction } from "./workflow";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/**
 * "Tue 8:00" for a datetime-local value ("2026-12-01T08:00"), which is already wall-clock time
 * in the publication's zone; null while it is not a complete date and time.
 */
export function shortWeekdayTime(localValue: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(localValue.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  // The weekday of a calendar date is the same in every zone: read it in UTC.
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || h > 23 || mi > 59) return null;
  return `${WEEKDAYS[date.getUTCDay()]} ${h}:${String(mi).padStart(2, "0")}`;
}

/** "Tue 8:00" for an instant, in `timeZone` (a scheduled story's time). */
export function shortWeekdayTimeAt(date: Date, timeZone: string): string {
  const z = new TZDate(date.getTime(), timeZone);
  return `${WEEKDAYS[z.getDay()]} ${z.getHours()}:${String(z.getMinutes()).padStart(2, "0")}`;
}

/** The publish button: "Schedule for Tue 8:00" once a time is entered, else "Publish". */
export function publishButtonLabel(localValue: string): string {
  const when = shortWeekdayTime(localValue);
  return when ? `Schedule for ${when}` : "Publish";
}

/** A scheduled story's "unpublish" cancels its schedule, and says so. */
export function transitionButtonLabel(action: TransitionAction, status: ArticleStatus, label: string): string {
  return action === "unpublish" && isScheduled(status) ? "Cancel schedule" : label;
}

/** "Minji Kim", "Minji Kim and Hana Park", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

const DONE: Record<TransitionAction, string> = {
  submit: "Submitted for review.",
  withdraw: "Withdrawn: the story is a draft again.",
  request_changes: "Changes requested.",
  approve: "Approved.",
  publish: "Published.",
  unpublish: "Unpublished.",
  republish: "Republished.",
  publish_changes: "Changes published: readers see them now.",
  discard_changes: "Changes discarded: the working copy is the live text again.",
  request_publish_changes: "Asked for these changes to be published.",
};

/** The line after a workflow action: what happened, then who was told. */
export function transitionDoneMessage({
  action,
  to,
  notified,
  scheduledFor,
}: {
  action: TransitionAction;
  to: ArticleStatus;
  notified: readonly string[];
  /** "Tue 8:00", when the story was scheduled. */
  scheduledFor?: string | null;
}): string {
  let what = DONE[action];
  if (action === "publish" && isScheduled(to)) what = scheduledFor ? `Scheduled for ${scheduledFor}.` : "Scheduled.";
  // Unpublishing a scheduled story takes it back to approved (EDGES in workflow.ts): a cancelled schedule.
  if (action === "unpublish" && to === "APPROVED") what = "Schedule cancelled: the story is approved and waits for a publish.";
  if (notified.length === 0) return `${what} Nobody else needed to be told.`;
  return `${what} ${joinNames(notified)} ${notified.length === 1 ? "was" : "were"} notified.`;
}
