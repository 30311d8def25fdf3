import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OverdueFlag } from "@/components/newsroom/planning-tables";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { listCalendarMonth } from "@/lib/data/planning";
import { getPublication } from "@/lib/data/publication";
import { STATUS_LABELS } from "@/lib/domain/workflow";
import { ZMonth } from "@/lib/validation/planning";

export const metadata: Metadata = { title: "Calendar | Masthead newsroom" };

type Props = { searchParams: Promise<{ month?: string }> };

const WEEKDAYS = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
] as const;

function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export default async function CalendarPage({ searchParams }: Props) {
  const user = await requireUserPage();
  if (!can(user, "view_budget")) notFound();
  const raw = await searchParams;
  // A malformed month shows the current one rather than an error.
  const parsed = ZMonth.safeParse(raw.month);
  const [month, publication] = await Promise.all([listCalendarMonth({ actor: user, month: parsed.success ? parsed.data : undefined }), getPublication()]);
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Calendar</h1>
      <p className="mt-1 text-muted">
        Deadlines and scheduled publication times, in {publication.timeZone}. For the full list, see the <Link href="/newsroom/budget">story budget</Link>.
      </p>
      <nav aria-label="Months" className="mt-6">
        <ul className="flex flex-wrap items-center gap-4 text-sm font-semibold">
          <li>
            <Link href={`/newsroom/calendar?month=${month.prev}`}>
              <span aria-hidden="true">← </span>
              {monthName(month.prev)}
            </Link>
          </li>
          <li>
            <Link href="/newsroom/calendar">This month</Link>
          </li>
          <li>
            <Link href={`/newsroom/calendar?month=${month.next}`}>
              {monthName(month.next)}
              <span aria-hidden="true"> →</span>
            </Link>
          </li>
        </ul>
      </nav>
      <h2 id="calendar-month" className="mt-6 text-2xl font-bold">
        {month.label}
      </h2>
      <p className="text-sm text-muted">
        {month.count === 0 ? "No deadlines or publication times this month." : month.count === 1 ? "One deadline or publication time." : `${month.count} deadlines and publication times.`}
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full min-w-[48rem] table-fixed border-collapse text-left text-sm">
          <caption className="sr-only">Deadlines and publication times, {month.label}</caption>
          <thead>
            <tr>
              {WEEKDAYS.map(([short, long]) => (
                <th key={long} scope="col" className="border border-rule bg-panel px-2 py-1">
                  <span aria-hidden="true">{short}</span>
                  <span className="sr-only">{long}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {month.weeks.map((week, w) => (
              <tr key={w}>
                {week.map((day, d) =>
                  day ? (
                    <td
                      key={day.date}
                      className={`h-28 border align-top p-1 ${day.isToday ? "border-2 border-accent" : "border-rule"}`}
                      aria-current={day.isToday ? "date" : undefined}
                      data-date={day.date}
                    >
                      <time dateTime={day.date} className="block text-xs font-bold">
                        {day.day}
                        {day.isToday && <span className="sr-only"> (today)</span>}
                      </time>
                      {day.events.length > 0 && (
                        <ul className="mt-1 flex flex-col gap-1">
                          {day.events.map((e) => (
                            <li key={`${e.kind}-${e.article.id}`} className={`rounded border-l-4 pl-1 text-xs ${e.kind === "deadline" ? "border-warn" : "border-ok"}`}>
                              <span className="font-semibold">
                                {e.time} {e.kind === "deadline" ? "Due" : "Publishes"}:
                              </span>{" "}
                              <Link href={`/newsroom/articles/${e.article.id}`}>{e.article.headline}</Link>
                              <span className="sr-only"> ({STATUS_LABELS[e.article.status]})</span>
                              {e.overdue && <OverdueFlag />}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  ) : (
                    <td key={`empty-${w}-${d}`} className="border border-rule bg-panel" />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
