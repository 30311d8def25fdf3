import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddMastheadEntryForm, CopyStaffForm, MastheadEntryControls, PositionSuggestions } from "@/components/newsroom/masthead-forms";
import { addMastheadEntryAction, copyCurrentStaffAction, moveMastheadEntryAction, removeMastheadEntryAction, updateMastheadEntryAction } from "@/lib/actions/masthead";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { findVolumeMastheadForEditor, listMastheadCandidates } from "@/lib/data/masthead";
import { COMMON_POSITIONS, groupByPosition } from "@/lib/domain/masthead";
import { formatDate } from "@/lib/domain/time";
import { AppError } from "@/lib/errors";
import { ZVolumeNumber } from "@/lib/validation/masthead";

export const metadata: Metadata = { title: "Masthead | Masthead newsroom" };
type Props = { params: Promise<{ number: string }> };

const SUGGESTIONS = "masthead-positions";

/** One volume's masthead: who held which position that school year, in the order printed. */
export default async function VolumeMastheadPage({ params }: Props) {
  const user = await requireUserPage();
  if (!can(user, "manage_masthead")) notFound();
  const number = ZVolumeNumber.safeParse((await params).number);
  if (!number.success) notFound();
  const found = await findVolumeMastheadForEditor({ actor: user, number: number.data }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!found) notFound();
  const candidates = await listMastheadCandidates({ actor: user });
  const { volume, entries } = found;
  const listed = new Set(entries.map((e) => e.person.id));
  const positions = [...new Set([...groupByPosition(entries).map((g) => g.position), ...COMMON_POSITIONS])];
  return (
    <div className="flex flex-col gap-8">
      <div>
        <p>
          <Link href="/newsroom/issues">Volumes and issues</Link>
        </p>
        <h1 className="font-serif text-3xl font-bold">Masthead: {volume.label}</h1>
        <p className="text-muted">
          {formatDate(volume.startsOn, "UTC")} to {formatDate(volume.endsOn, "UTC")}. Grades are shown as of this school year. Readers see it at{" "}
          <Link href={`/staff/volumes/${volume.number}`}>/staff/volumes/{volume.number}</Link>.
        </p>
      </div>
      <PositionSuggestions id={SUGGESTIONS} positions={positions} />

      <section aria-labelledby="masthead-list">
        <h2 id="masthead-list" className="text-xl font-bold">
          On the masthead ({entries.length})
        </h2>
        {entries.length === 0 ? (
          <p className="mt-2 text-muted">Nobody yet. Until someone is added, the public staff page for this volume shows today&apos;s staff.</p>
        ) : (
          <ol className="mt-3 flex flex-col gap-4">
            {entries.map((e, i) => (
              <li key={e.id} className="rounded border border-rule p-3" aria-label={`${e.person.fullName}, ${e.position}`}>
                <p>
                  <span className="font-semibold">{e.person.fullName}</span>
                  {e.person.publicName !== e.person.fullName && <span className="text-muted"> (shown as {e.person.publicName})</span>}
                  {e.person.detail && <span className="text-muted"> / {e.person.detail}</span>}
                  {!e.person.active && <span className="text-muted"> · no active account</span>}
                </p>
                <div className="mt-2">
                  <MastheadEntryControls
                    entry={{ id: e.id, position: e.position, fullName: e.person.fullName }}
                    first={i === 0}
                    last={i === entries.length - 1}
                    suggestions={SUGGESTIONS}
                    updateAction={updateMastheadEntryAction}
                    moveAction={moveMastheadEntryAction}
                    removeAction={removeMastheadEntryAction}
                  />
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="masthead-add" className="rounded border border-rule p-4">
        <h2 id="masthead-add" className="text-lg font-bold">
          Add a person
        </h2>
        <p className="text-sm text-muted">Anyone with a byline or an account, graduates included. New people join the end of their position&apos;s group.</p>
        <div className="mt-3">
          <AddMastheadEntryForm action={addMastheadEntryAction} volumeId={volume.id} people={candidates.map((c) => ({ ...c, listed: listed.has(c.id) }))} suggestions={SUGGESTIONS} />
        </div>
      </section>

      <section aria-labelledby="masthead-copy" className="rounded border border-rule p-4">
        <h2 id="masthead-copy" className="text-lg font-bold">
          Start from the current staff
        </h2>
        <p className="text-sm text-muted">
          Adds everyone with an active account who is not listed yet: editors as Editor, writers as Staff Writer, advisers as Faculty Adviser. Then adjust positions and order.
        </p>
        <div className="mt-3">
          <CopyStaffForm action={copyCurrentStaffAction} volumeId={volume.id} label={volume.label} />
        </div>
      </section>
    </div>
  );
}
