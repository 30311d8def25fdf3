import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/newsroom/diff-view";
import { RestoreButton } from "@/components/newsroom/restore-button";
import { secondaryButtonClass } from "@/components/ui/field";
import { restoreRevisionAction } from "@/lib/actions/articles";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { factsOf, findArticleForActor } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { listRevisions } from "@/lib/data/revisions";
import { CAPTION_LABEL, comparableText, diffStats, wordDiff } from "@/lib/domain/diff";
import { formatDateTime } from "@/lib/domain/time";
import { AppError } from "@/lib/errors";
import { ZId } from "@/lib/validation/article";

export const metadata: Metadata = { title: "Revision history | Masthead newsroom" };
type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ a?: string; b?: string }> };

const EVENT_LABELS: Record<string, string> = {
  create: "Created",
  edit: "Edited",
  restore: "Restored an earlier revision",
  conflict: "Conflicting save (kept, not applied)",
  submit: "Submitted for review",
  request_changes: "Changes requested",
  approve: "Approved",
  publish: "Published",
  republish: "Republished",
  accept_suggestion: "Accepted a suggestion",
  reject_suggestion: "Rejected a suggestion",
};

const words = (n: number) => `${n} ${n === 1 ? "word" : "words"}`;

export default async function RevisionsPage({ params, searchParams }: Props) {
  const user = await requireUserPage();
  const [{ id: rawId }, query] = await Promise.all([params, searchParams]);
  const id = ZId.safeParse(rawId);
  if (!id.success) notFound();
  const article = await findArticleForActor({ id: id.data, actor: user }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const [revisions, publication] = await Promise.all([listRevisions({ actor: user, articleId: article.id }), getPublication()]);
  const tz = publication.timeZone;
  const canRestore = can(user, "restore_revision", factsOf(article));
  // Default comparison: the newest revision against the one before it. The compared text holds the
  // story's own lead-image caption, labelled (comparableText), so a caption change shows here too.
  const b = revisions.find((r) => r.id === query.b) ?? revisions[0];
  const a = revisions.find((r) => r.id === query.a) ?? revisions[1] ?? revisions[0];
  const segments = a && b ? wordDiff(comparableText(a), comparableText(b)) : [];
  const stats = diffStats(segments);
  const label = (r: (typeof revisions)[number]) => `v${r.version} · ${EVENT_LABELS[r.event] ?? r.event} · ${r.author} · ${formatDateTime(new Date(r.updatedAt), tz)}`;
  return (
    <div>
      <p className="text-sm">
        <Link href={`/newsroom/articles/${article.id}`}>← Back to the story</Link>
      </p>
      <h1 className="mt-2 font-serif text-2xl font-bold">Revision history: {article.headline}</h1>
      {a && b && (
        <section aria-labelledby="compare-heading" className="mt-6">
          <h2 id="compare-heading" className="text-xl font-bold">
            Compare
          </h2>
          <form method="get" className="mt-2 flex flex-wrap items-end gap-3">
            {(["a", "b"] as const).map((key) => (
              <div key={key} className="flex w-full min-w-0 flex-col gap-1 sm:w-auto">
                <label htmlFor={`compare-${key}`} className="text-sm font-semibold">
                  {key === "a" ? "From" : "To"}
                </label>
                <select id={`compare-${key}`} name={key} defaultValue={(key === "a" ? a : b).id} className="w-full max-w-full rounded border border-muted bg-paper px-2 py-2">
                  {revisions.map((r) => (
                    <option key={r.id} value={r.id}>
                      {label(r)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" className={secondaryButtonClass}>
              Compare
            </button>
          </form>
          <p className="mt-3 text-sm" data-testid="diff-stats">
            {words(stats.added)} added, {words(stats.removed)} removed.
          </p>
          <div className="mt-2">
            <DiffView segments={segments} label={`Differences from ${label(a)} to ${label(b)}`} />
          </div>
        </section>
      )}
      <section aria-labelledby="list-heading" className="mt-8">
        <h2 id="list-heading" className="text-xl font-bold">
          All revisions
        </h2>
        <ol className="mt-3 flex flex-col gap-2" data-testid="revisions">
          {revisions.map((r, i) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 border-b border-rule py-2">
              <div>
                <p className="font-semibold">{r.headline}</p>
                {r.leadImageCaption && (
                  <p className="text-sm" data-testid="revision-caption">
                    {CAPTION_LABEL} {r.leadImageCaption}
                  </p>
                )}
                <p className="text-sm text-muted">{label(r)}</p>
              </div>
              <div className="flex items-center gap-3">
                {revisions[i + 1] && (
                  <Link href={`?a=${revisions[i + 1]!.id}&b=${r.id}`} className="text-sm">
                    Changes in this revision
                  </Link>
                )}
                {canRestore && i > 0 && (
                  <RestoreButton articleId={article.id} revisionId={r.id} version={article.version} label={`Restore ${label(r)}`} action={restoreRevisionAction} />
                )}
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
