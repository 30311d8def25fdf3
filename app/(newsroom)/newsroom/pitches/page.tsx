import type { Metadata } from "next";
import Link from "next/link";
import { AssignmentForm, PitchDecisionForm, PitchForm } from "@/components/newsroom/planning-forms";
import { MyAssignmentsTable, PitchStatusBadge, toAssignmentRows } from "@/components/newsroom/planning-tables";
import { StatusBadge } from "@/components/newsroom/status-badge";
import { inputClass, secondaryButtonClass } from "@/components/ui/field";
import { createAssignmentAction, createPitchAction, decidePitchAction } from "@/lib/actions/planning";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { findArticleForActor } from "@/lib/data/articles";
import { findPitchForActor, listAssignableStaff, listIssueOptions, listMyAssignments, listPitches } from "@/lib/data/planning";
import { getPublication } from "@/lib/data/publication";
import { listSections } from "@/lib/data/sections";
import { canAssignFromPitch, isOpenPitch } from "@/lib/domain/pitch";
import { formatDateTime } from "@/lib/domain/time";
import { ZId } from "@/lib/validation/article";
import { PITCH_STATUS_LABELS, PITCH_STATUSES, ZPitchFilter } from "@/lib/validation/planning";

export const metadata: Metadata = { title: "Pitches and assignments | Masthead newsroom" };

type Props = { searchParams: Promise<{ status?: string; assign?: string; assigned?: string }> };

/** A record the user may not see, or a malformed id, is simply absent here. */
async function orNull<T>(id: string | undefined, load: (id: string) => Promise<T>): Promise<T | null> {
  const parsed = ZId.safeParse(id);
  if (!parsed.success) return null;
  return load(parsed.data).catch(() => null);
}

export default async function PitchesPage({ searchParams }: Props) {
  const user = await requireUserPage();
  const raw = await searchParams;
  const seesAll = can(user, "view_all_pitches");
  const mayAssign = can(user, "assign");
  const mayDecide = can(user, "decide_pitch");
  const filter = ZPitchFilter.safeParse({ status: raw.status || undefined });
  const status = filter.success ? filter.data.status : undefined;
  const [pitches, mine, sections, publication, staff, issues, assignFrom, assigned] = await Promise.all([
    listPitches({ actor: user, status }),
    listMyAssignments({ actor: user }),
    listSections(),
    getPublication(),
    mayAssign ? listAssignableStaff() : Promise.resolve([]),
    mayAssign ? listIssueOptions() : Promise.resolve([]),
    mayAssign ? orNull(raw.assign, (id) => findPitchForActor({ actor: user, id })) : Promise.resolve(null),
    mayAssign ? orNull(raw.assigned, (id) => findArticleForActor({ actor: user, id })) : Promise.resolve(null),
  ]);
  const tz = publication.timeZone;
  const assignable = assignFrom && canAssignFromPitch(assignFrom.status) ? assignFrom : null;
  const today = new Date();
  const upcomingIssues = issues.filter((i) => !i.publishedOn || i.publishedOn >= new Date(today.getTime() - 24 * 60 * 60 * 1000));
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Pitches and assignments</h1>
      <p className="mt-1 text-muted">
        Pitch a story idea; editors and advisers accept it, reject it with a note, or turn it into an assignment.
        {can(user, "view_budget") && (
          <>
            {" "}
            See every upcoming story on the <Link href="/newsroom/budget">story budget</Link> and the <Link href="/newsroom/calendar">calendar</Link>.
          </>
        )}
      </p>
      {assigned && (
        <p role="status" className="mt-4 rounded border-2 border-ok p-3 font-semibold text-ok">
          Assignment created: <Link href={`/newsroom/articles/${assigned.id}`}>{assigned.headline}</Link>. The assignees have been notified.
        </p>
      )}

      <MyAssignmentsTable rows={toAssignmentRows(mine, tz)} />

      <section aria-labelledby="pitch-heading" className="mt-8 rounded border border-rule p-4">
        <h2 id="pitch-heading" className="text-xl font-bold">
          Pitch a story
        </h2>
        <div className="mt-3">
          <PitchForm action={createPitchAction} sections={sections} />
        </div>
      </section>

      {mayAssign && (
        <section id="assign" aria-labelledby="assign-heading" className="mt-8 rounded border border-rule p-4">
          <h2 id="assign-heading" className="text-xl font-bold">
            Assign a story
          </h2>
          {assignable ? (
            <p className="mt-1 text-sm">
              From the pitch “{assignable.title}” by {assignable.pitchedBy.person.fullName}. <Link href="/newsroom/pitches#assign">Assign without a pitch instead</Link>
            </p>
          ) : assignFrom ? (
            <p className="mt-1 text-sm font-semibold text-warn" role="note">
              The pitch “{assignFrom.title}” is already {assignFrom.status.toLowerCase()}; this form makes a new assignment.
            </p>
          ) : (
            <p className="mt-1 text-sm text-muted">Creates the draft with the writers on the byline and tells everyone assigned.</p>
          )}
          <div className="mt-3">
            <AssignmentForm
              key={assignable?.id ?? "blank"}
              action={createAssignmentAction}
              staff={staff}
              sections={sections}
              issues={upcomingIssues}
              timeZone={tz}
              defaults={assignable ? { pitchId: assignable.id, headline: assignable.title, sectionId: assignable.section?.id } : {}}
            />
          </div>
        </section>
      )}

      <section aria-labelledby="pitches-heading" className="mt-8">
        <h2 id="pitches-heading" className="text-xl font-bold">
          {seesAll ? "All pitches" : "Your pitches"}
        </h2>
        <form method="get" className="mt-3 flex flex-wrap items-end gap-4" aria-label="Filter pitches">
          <div className="flex flex-col gap-1">
            <label htmlFor="pitch-filter-status" className="text-sm font-semibold">
              Status
            </label>
            <select id="pitch-filter-status" name="status" defaultValue={status ?? ""} className={inputClass}>
              <option value="">Any status</option>
              {PITCH_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {PITCH_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={secondaryButtonClass}>
            Filter
          </button>
        </form>
        {pitches.length === 0 ? (
          <p className="mt-4 text-muted">{status ? "No pitches with this status." : seesAll ? "No pitches yet." : "You have not pitched anything yet."}</p>
        ) : (
          <ul className="mt-4 flex flex-col gap-4">
            {pitches.map((p) => {
              const open = canAssignFromPitch(p.status);
              return (
                <li key={p.id}>
                  <article aria-labelledby={`pitch-${p.id}-title`} className="rounded border border-rule p-4" data-testid="pitch">
                    <div className="flex flex-wrap items-center gap-3">
                      <h3 id={`pitch-${p.id}-title`} className="text-lg font-bold">
                        {p.title}
                      </h3>
                      <PitchStatusBadge status={p.status} />
                    </div>
                    <p className="mt-1 text-sm text-muted">
                      Pitched by {p.pitchedBy.id === user.userId ? "you" : p.pitchedBy.name}, {formatDateTime(p.createdAt, tz)}
                      {p.section ? ` · ${p.section.name}` : ""}
                    </p>
                    <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
                      <dt className="font-semibold">Angle</dt>
                      <dd className="whitespace-pre-line">{p.angle}</dd>
                      {p.sources && (
                        <>
                          <dt className="font-semibold">Sources</dt>
                          <dd className="whitespace-pre-line">{p.sources}</dd>
                        </>
                      )}
                      {p.decidedBy && (
                        <>
                          <dt className="font-semibold">Decision</dt>
                          <dd>
                            {PITCH_STATUS_LABELS[p.status]} by {p.decidedBy}
                            {p.decisionNote && <span className="block whitespace-pre-line">“{p.decisionNote}”</span>}
                          </dd>
                        </>
                      )}
                      {p.article && (
                        <>
                          <dt className="font-semibold">Story</dt>
                          <dd className="flex flex-wrap items-center gap-2">
                            <Link href={`/newsroom/articles/${p.article.id}`}>{p.article.headline}</Link> <StatusBadge status={p.article.status} />
                          </dd>
                        </>
                      )}
                    </dl>
                    {(mayAssign || mayDecide) && open && (
                      <div className="mt-3 flex flex-col gap-3 border-t border-rule pt-3">
                        {mayAssign && (
                          <p>
                            <Link href={`/newsroom/pitches?assign=${p.id}#assign`} className="font-semibold">
                              Turn “{p.title}” into an assignment
                            </Link>
                          </p>
                        )}
                        {mayDecide && <PitchDecisionForm action={decidePitchAction} pitchId={p.id} title={p.title} canAccept={isOpenPitch(p.status)} />}
                      </div>
                    )}
                  </article>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
