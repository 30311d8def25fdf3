import Link from "next/link";
import type { MyAssignment } from "@/lib/validation/planning";
import { formatDateTime } from "@/lib/domain/time";
import type { ArticleStatus } from "@/lib/domain/workflow";
import { PITCH_STATUS_LABELS, type PitchStatus } from "@/lib/validation/planning";
import { StatusBadge } from "./status-badge";

const PITCH_TONES: Record<PitchStatus, string> = {
  OPEN: "border-warn text-warn",
  ACCEPTED: "border-ok text-ok",
  REJECTED: "border-danger text-danger",
  ASSIGNED: "border-ink text-ink",
};

export function PitchStatusBadge({ status }: { status: PitchStatus }) {
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${PITCH_TONES[status]}`}>{PITCH_STATUS_LABELS[status]}</span>;
}

/** Says "Overdue" in words, not only in colour. */
export function OverdueFlag() {
  return <strong className="ml-1 inline-block rounded border border-danger px-1 text-xs text-danger">Overdue</strong>;
}

export type AssignmentRow = {
  id: string;
  headline: string;
  status: ArticleStatus;
  section: string | null;
  roles: string;
  deadlineLabel: string | null;
  overdue: boolean;
  targetWords: number | null;
  wordCount: number;
  brief: { angle: string; sources: string } | null;
};

const ROLE_NAMES = { WRITER: "Writer", PHOTOGRAPHER: "Photographer" } as const;

/** Plain rows for the table from `listMyAssignments`, times in the publication's zone. */
export function toAssignmentRows(assignments: MyAssignment[], timeZone: string): AssignmentRow[] {
  return assignments.map((a) => ({
    id: a.id,
    headline: a.headline,
    status: a.status,
    section: a.section,
    roles: a.roles.map((r) => ROLE_NAMES[r]).join(", "),
    deadlineLabel: a.deadline ? formatDateTime(a.deadline, timeZone) : null,
    overdue: a.overdue,
    targetWords: a.targetWords,
    wordCount: a.wordCount,
    brief: a.brief,
  }));
}

/** The signed-in user's assigned stories (pitches page; also fit for the dashboard). */
export function MyAssignmentsTable({ rows, headingLevel = 2 }: { rows: AssignmentRow[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="my-assignments-heading" className="mt-8">
      <Heading id="my-assignments-heading" className="text-xl font-bold">
        Your assignments
      </Heading>
      {rows.length === 0 ? (
        <p className="mt-2 text-muted">Nothing is assigned to you right now.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Stories assigned to you, soonest deadline first</caption>
            <thead>
              <tr className="border-b border-rule">
                <th scope="col" className="py-2 pr-4">Story</th>
                <th scope="col" className="py-2 pr-4">Your part</th>
                <th scope="col" className="py-2 pr-4">Status</th>
                <th scope="col" className="py-2 pr-4">Deadline</th>
                <th scope="col" className="py-2 pr-4 text-right">Words</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-rule align-top">
                  <th scope="row" className="py-2 pr-4 font-semibold">
                    <Link href={`/newsroom/articles/${r.id}`}>{r.headline}</Link>
                    {r.section && <span className="block text-xs font-normal text-muted">{r.section}</span>}
                    {r.brief && (
                      <details className="mt-1 text-xs font-normal">
                        <summary className="cursor-pointer">The pitch</summary>
                        <p className="mt-1 whitespace-pre-line">{r.brief.angle}</p>
                        {r.brief.sources && <p className="mt-1 whitespace-pre-line">Sources: {r.brief.sources}</p>}
                      </details>
                    )}
                  </th>
                  <td data-label="Your part" className="py-2 pr-4">{r.roles}</td>
                  <td data-label="Status" className="py-2 pr-4">
                    <StatusBadge status={r.status} />
                  </td>
                  <td data-label="Deadline" className="py-2 pr-4">
                    {r.deadlineLabel ?? "—"}
                    {r.overdue && <OverdueFlag />}
                  </td>
                  <td data-label="Words" className="py-2 pr-4 text-right">
                    {r.wordCount}
                    {r.targetWords ? <span className="text-muted"> of {r.targetWords}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
