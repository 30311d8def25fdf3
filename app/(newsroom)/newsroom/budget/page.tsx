import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/newsroom/planning-forms";
import { OverdueFlag } from "@/components/newsroom/planning-tables";
import { StatusBadge } from "@/components/newsroom/status-badge";
import { inputClass, secondaryButtonClass } from "@/components/ui/field";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { type BudgetRow, listBudget, listIssueOptions } from "@/lib/data/planning";
import { getPublication } from "@/lib/data/publication";
import { listSections } from "@/lib/data/sections";
import { formatDateTime } from "@/lib/domain/time";
import { STATUS_LABELS } from "@/lib/domain/workflow";
import { BUDGET_STATUSES, type TBudgetFilter, ZBudgetFilter } from "@/lib/validation/planning";

export const metadata: Metadata = { title: "Story budget | Masthead newsroom" };

type Props = { searchParams: Promise<{ issue?: string; section?: string; status?: string; sort?: string }> };

/**
 * Print: only the budget, black on white, every cell ruled, headers repeated on each page, a
 * row never split across pages, and each issue starting on a new page.
 */
const PRINT_CSS = `
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  html, body { background: #fff !important; color: #000 !important; }
  header, nav, .skip-link, .budget-screen-only { display: none !important; }
  main { max-width: none !important; margin: 0 !important; padding: 0 !important; }
  .budget, .budget * { color: #000 !important; background: #fff !important; box-shadow: none !important; }
  .budget a { text-decoration: none !important; }
  .budget table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
  .budget th, .budget td { border: 1px solid #000 !important; padding: 2pt 4pt !important; vertical-align: top; }
  .budget thead { display: table-header-group; }
  .budget tr, .budget span, .budget strong { break-inside: avoid; page-break-inside: avoid; }
  .budget span, .budget strong { border-color: #000 !important; }
  .budget h2 { break-after: avoid; page-break-after: avoid; margin-top: 0 !important; }
  .budget-issue + .budget-issue { break-before: page; page-break-before: always; }
  .budget-printed { display: block !important; }
}
`;

function Row({ row, tz, showSection }: { row: BudgetRow; tz: string; showSection: boolean }) {
  return (
    <tr className="border-b border-rule align-top">
      <th scope="row" className="py-2 pr-4 font-semibold">
        <Link href={`/newsroom/articles/${row.id}`}>{row.headline}</Link>
      </th>
      {showSection && <td data-label="Section" className="py-2 pr-4">{row.section?.name ?? "—"}</td>}
      <td data-label="Status" className="py-2 pr-4">
        <StatusBadge status={row.status} />
        {row.publishAt && <span className="block text-xs">Publishes {formatDateTime(row.publishAt, tz)}</span>}
      </td>
      <td data-label="Assigned" className="py-2 pr-4">
        {row.writers.length > 0 && <span className="block">{row.writers.join(", ")}</span>}
        {row.photographers.length > 0 && <span className="block text-xs">Photos: {row.photographers.join(", ")}</span>}
        {row.writers.length + row.photographers.length === 0 && "—"}
      </td>
      <td data-label="Deadline" className="py-2 pr-4">
        {row.deadline ? formatDateTime(row.deadline, tz) : "—"}
        {row.overdue && <OverdueFlag />}
      </td>
      <td data-label="Target words" className="py-2 pr-4 text-right">{row.targetWords ?? "—"}</td>
      <td data-label="Words now" className="py-2 text-right">{row.wordCount}</td>
    </tr>
  );
}

export default async function BudgetPage({ searchParams }: Props) {
  const user = await requireUserPage();
  if (!can(user, "view_budget")) notFound();
  const raw = await searchParams;
  const parsed = ZBudgetFilter.safeParse({ issue: raw.issue || undefined, section: raw.section || undefined, status: raw.status || undefined, sort: raw.sort || undefined });
  // An unknown filter value is ignored rather than an error, as on the dashboard.
  const filter: TBudgetFilter = parsed.success ? parsed.data : { sort: "section" };
  const [{ rows, groups }, issues, sections, publication] = await Promise.all([listBudget({ actor: user, filter }), listIssueOptions(), listSections(), getPublication()]);
  const tz = publication.timeZone;
  const bySection = filter.sort === "section";
  const columns = bySection ? 6 : 7;
  return (
    <div className="budget">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">Story budget</h1>
        <div className="budget-screen-only flex flex-wrap gap-3 print:hidden">
          <Link href="/newsroom/pitches#assign" className={secondaryButtonClass}>
            Assign a story
          </Link>
          <PrintButton label="Print the budget" />
        </div>
      </div>
      <p className="mt-1 text-muted">
        {rows.length === 1 ? "One upcoming story" : `${rows.length} upcoming stories`} (not yet published; scheduled ones included). Times in {tz}.
        <span className="budget-printed hidden"> Printed {formatDateTime(new Date(), tz)}.</span>
      </p>
      <form method="get" className="budget-screen-only mt-6 flex flex-wrap items-end gap-4 print:hidden" aria-label="Filter the budget">
        <div className="flex flex-col gap-1">
          <label htmlFor="budget-issue" className="text-sm font-semibold">
            Issue
          </label>
          <select id="budget-issue" name="issue" defaultValue={filter.issue ?? ""} className={inputClass}>
            <option value="">Any issue</option>
            <option value="none">Not in an issue</option>
            {issues.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="budget-section" className="text-sm font-semibold">
            Section
          </label>
          <select id="budget-section" name="section" defaultValue={filter.section ?? ""} className={inputClass}>
            <option value="">Any section</option>
            {sections.map((s) => (
              <option key={s.id} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="budget-status" className="text-sm font-semibold">
            Status
          </label>
          <select id="budget-status" name="status" defaultValue={filter.status ?? ""} className={inputClass}>
            <option value="">Any upcoming status</option>
            {BUDGET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="budget-sort" className="text-sm font-semibold">
            Sort
          </label>
          <select id="budget-sort" name="sort" defaultValue={filter.sort} className={inputClass}>
            <option value="section">By section, then deadline</option>
            <option value="deadline">By deadline</option>
          </select>
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Show
        </button>
      </form>
      {groups.length === 0 ? (
        <p className="mt-8 text-muted">No upcoming stories match these filters.</p>
      ) : (
        groups.map((group) => {
          const title = group.issue ? group.issue.label : "Not in an issue";
          const headingId = `budget-${group.key}`;
          return (
            <section key={group.key} aria-labelledby={headingId} className="budget-issue mt-8">
              <h2 id={headingId} className="text-xl font-bold">
                {title} <span className="text-base font-normal text-muted">({group.count === 1 ? "1 story" : `${group.count} stories`})</span>
              </h2>
              <div className="mt-3 overflow-x-auto">
                <table className="w-full border-collapse text-left text-sm">
                  <caption className="sr-only">
                    Stories for {title}
                    {bySection ? ", by section" : ", by deadline"}
                  </caption>
                  <thead>
                    <tr className="border-b-2 border-ink">
                      <th scope="col" className="py-2 pr-4">Story</th>
                      {!bySection && <th scope="col" className="py-2 pr-4">Section</th>}
                      <th scope="col" className="py-2 pr-4">Status</th>
                      <th scope="col" className="py-2 pr-4">Assigned</th>
                      <th scope="col" className="py-2 pr-4">Deadline</th>
                      <th scope="col" className="py-2 pr-4 text-right">Target words</th>
                      <th scope="col" className="py-2 text-right">Words now</th>
                    </tr>
                  </thead>
                  {group.sections.map((s) => (
                    <tbody key={s.key}>
                      {bySection && (
                        <tr className="bg-panel">
                          <th scope="rowgroup" colSpan={columns} className="px-2 py-1 text-left font-bold">
                            {s.section?.name ?? "No section"}
                          </th>
                        </tr>
                      )}
                      {s.rows.map((row) => (
                        <Row key={row.id} row={row} tz={tz} showSection={!bySection} />
                      ))}
                    </tbody>
                  ))}
                </table>
              </div>
            </section>
          );
        })
      )}
    </div>
  );
}
