import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { inputClass, secondaryButtonClass } from "@/components/ui/field";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { AUDIT_PAGE_SIZE, listAuditActions, listAuditEntries } from "@/lib/data/audit";
import { getPublication } from "@/lib/data/publication";
import { listStaff } from "@/lib/data/users";
import { formatDateTime, fromLocalInput } from "@/lib/domain/time";

export const metadata: Metadata = { title: "Audit log | Masthead newsroom" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ZQuery = z.object({
  action: z.string().max(64).optional().catch(undefined),
  actor: z.string().max(64).optional().catch(undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** Advisers read the append-only audit trail; nothing here can edit or delete it. */
export default async function AuditPage({ searchParams }: Props) {
  const user = await requireUserPage();
  if (!can(user, "view_audit_log")) notFound();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]));
  const q = ZQuery.parse(raw);
  const publication = await getPublication();
  const tz = publication.timeZone;
  const from = q.from ? fromLocalInput(`${q.from}T00:00`, tz) : null;
  const to = q.to ? fromLocalInput(`${q.to}T00:00`, tz) : null;
  const [{ rows, total }, actions, staff] = await Promise.all([
    listAuditEntries({ action: q.action, actorId: q.actor, from: from ?? undefined, to: to ? new Date(to.getTime() + 86_400_000) : undefined, page: q.page }),
    listAuditActions(),
    listStaff(),
  ]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const link = (page: number) => `?${new URLSearchParams({ ...(q.action ? { action: q.action } : {}), ...(q.actor ? { actor: q.actor } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), page: String(page) })}`;
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Audit log</h1>
      <p className="mt-1 text-muted">Every workflow step, publication, account and settings change, token and failed sign-in. Entries cannot be edited or deleted.</p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-4" aria-label="Filter the audit log">
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-action" className="text-sm font-semibold">
            Event
          </label>
          <select id="audit-action" name="action" defaultValue={q.action ?? ""} className={inputClass}>
            <option value="">Any event</option>
            {actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-actor" className="text-sm font-semibold">
            Person
          </label>
          <select id="audit-actor" name="actor" defaultValue={q.actor ?? ""} className={inputClass}>
            <option value="">Anyone</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.person.fullName}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-from" className="text-sm font-semibold">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={q.from} className={inputClass} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-to" className="text-sm font-semibold">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={q.to} className={inputClass} />
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Filter
        </button>
      </form>
      <p className="mt-4 text-sm text-muted">{total} entries</p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm" data-testid="audit-table">
          <caption className="sr-only">Audit entries, newest first</caption>
          <thead>
            <tr className="border-b border-rule">
              <th scope="col" className="py-2 pr-4">When ({tz})</th>
              <th scope="col" className="py-2 pr-4">Who</th>
              <th scope="col" className="py-2 pr-4">Event</th>
              <th scope="col" className="py-2 pr-4">Subject</th>
              <th scope="col" className="py-2">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-rule align-top">
                <td data-label="When" className="py-2 pr-4 whitespace-nowrap">{formatDateTime(r.createdAt, tz)}</td>
                <td data-label="Who" className="py-2 pr-4">{r.actor ? r.actor.person.fullName : "System / anonymous"}</td>
                <td data-label="Event" className="py-2 pr-4 font-mono">{r.action}</td>
                <td data-label="Subject" className="py-2 pr-4 font-mono text-xs">{r.subject}</td>
                <td data-label="Details" className="py-2 font-mono text-xs break-all">{r.details === "{}" ? "" : r.details}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex gap-4">
          {q.page > 1 && <Link href={link(q.page - 1)}>← Newer</Link>}
          <span>
            Page {q.page} of {pages}
          </span>
          {q.page < pages && <Link href={link(q.page + 1)}>Older →</Link>}
        </nav>
      )}
    </div>
  );
}
