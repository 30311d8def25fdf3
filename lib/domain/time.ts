/** Times in the publication's time zone. PURE. */
import { TZDate } from "@date-fns/tz";

/**
 * One formatter per (style, zone), made once: building an Intl.DateTimeFormat costs far more
 * than formatting with it (a newsroom table formats hundreds of dates per request).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: "dateTime" | "date", timeZone: string): Intl.DateTimeFormat {
  const key = `${style}\u0000${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const fields: Intl.DateTimeFormatOptions =
      style === "dateTime" ? { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false } : { day: "numeric", month: "long", year: "numeric" };
    f = new Intl.DateTimeFormat("en-GB", { timeZone, ...fields });
    formatters.set(key, f);
  }
  return f;
}

/** "24 Nov 2026, 14:02" in `timeZone`. */
export function formatDateTime(date: Date, timeZone: string): string {
  return formatter("dateTime", timeZone).format(date);
}

/** "24 November 2026" in `timeZone`. */
export function formatDate(date: Date, timeZone: string): string {
  return formatter("date", timeZone).format(date);
}

/** The value for an <input type="datetime-local"> showing `date` as wall-clock time in `timeZone`. */
export function toLocalInput(date: Date, timeZone: string): string {
  const z = new TZDate(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}T${pad(z.getHours())}:${pad(z.getMinutes())}`;
}

/**
 * Read "2026-12-01T08:00" as wall-clock time in `timeZone` (8 a.m. in Seoul, whatever the
 * server's zone). Returns null for anything that is not such a value.
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59) return null;
  const z = new TZDate(y, mo - 1, d, h, mi, 0, timeZone);
  if (Number.isNaN(z.getTime()) || z.getMonth() !== mo - 1 || z.getDate() !== d) return null;
  return new Date(z.getTime());
}
