import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IssueForm, VolumeForm } from "@/components/newsroom/issue-forms";
import { createIssueAction, createVolumeAction } from "@/lib/actions/issues";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { listVolumesWithIssues } from "@/lib/data/issues";
import { countMastheadEntries } from "@/lib/data/masthead";
import { getPublication } from "@/lib/data/publication";
import { formatDate } from "@/lib/domain/time";

export const metadata: Metadata = { title: "Volumes and issues | Masthead newsroom" };

export default async function IssuesAdminPage() {
  const user = await requireUserPage();
  if (!can(user, "plan_issues")) notFound();
  const [volumes, publication, mastheads] = await Promise.all([listVolumesWithIssues(), getPublication(), can(user, "manage_masthead") ? countMastheadEntries({ actor: user }) : null]);
  return (
    <div className="flex flex-col gap-10">
      <h1 className="font-serif text-3xl font-bold">Volumes and issues</h1>
      {volumes.map((vol) => (
        <section key={vol.id} aria-labelledby={`vol-${vol.number}`}>
          <h2 id={`vol-${vol.number}`} className="text-xl font-bold">
            {vol.label}
          </h2>
          <ul className="mt-2 flex flex-col gap-1">
            {vol.issues.map((i) => (
              <li key={i.id}>
                Issue {i.number}: {i.title} · {i._count.articles} {i._count.articles === 1 ? "story" : "stories"} ·{" "}
                {i.publishedOn ? (
                  <>
                    published {formatDate(i.publishedOn, publication.timeZone)} · <Link href={`/issues/${i.slug}`}>public page</Link> · <a href={`/issues/${i.slug}/pdf`}>PDF</a>
                  </>
                ) : (
                  "planning"
                )}
              </li>
            ))}
            {vol.issues.length === 0 && <li className="text-muted">No issues yet.</li>}
          </ul>
          {mastheads && (
            <p className="mt-2">
              Masthead: {mastheads.get(vol.id) ?? 0} {(mastheads.get(vol.id) ?? 0) === 1 ? "person" : "people"} ·{" "}
              <Link href={`/newsroom/issues/masthead/${vol.number}`}>Edit the masthead of {vol.label}</Link>
            </p>
          )}
        </section>
      ))}
      <section aria-labelledby="new-issue" className="rounded border border-rule p-4">
        <h2 id="new-issue" className="text-lg font-bold">
          New issue
        </h2>
        <div className="mt-3">
          <IssueForm action={createIssueAction} volumes={volumes.map((v) => ({ id: v.id, label: v.label }))} />
        </div>
      </section>
      <section aria-labelledby="new-volume" className="rounded border border-rule p-4">
        <h2 id="new-volume" className="text-lg font-bold">
          New volume (school year)
        </h2>
        <div className="mt-3">
          <VolumeForm action={createVolumeAction} />
        </div>
      </section>
    </div>
  );
}
