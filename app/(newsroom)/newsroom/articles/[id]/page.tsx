import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArticleWorkspace } from "@/components/newsroom/article-workspace";
import { History } from "@/components/newsroom/history";
import { StatusBadge } from "@/components/newsroom/status-badge";
import { CorrectionForm, TakedownDecisionForm, TakedownRequestForm } from "@/components/newsroom/corrections-panel";
import { ArticleIssueForm } from "@/components/newsroom/issue-forms";
import { PinForm } from "@/components/newsroom/pin-form";
import { MarkStoryRead } from "@/components/newsroom/notification-forms";
import { markStoryReadAction } from "@/lib/actions/notifications";
import { countUnread } from "@/lib/data/notifications";
import { storyLink } from "@/lib/use-cases/notifications/mark-notifications-read";
import { setArticleIssueAction } from "@/lib/actions/issues";
import { listVolumesWithIssues } from "@/lib/data/issues";
import { addCorrectionAction, decideTakedownAction, recordTakedownAction } from "@/lib/actions/corrections";
import { pinAction, transitionAction } from "@/lib/actions/articles";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { factsOf, findArticleForActor, latestChangeRequest, listTransitions } from "@/lib/data/articles";
import { listComments } from "@/lib/data/comments";
import { mediaUrls } from "@/lib/data/media";
import { listCorrections } from "@/lib/data/corrections";
import { listTakedownRequests } from "@/lib/data/takedowns";
import { listBylineCandidates } from "@/lib/data/people";
import { getPublication } from "@/lib/data/publication";
import { listSections } from "@/lib/data/sections";
import { formatDateTime } from "@/lib/domain/time";
import { availableTransitions, canBePinned, hasChangesRequested, isAfterPublication, isPublic, isScheduled, keepsLiveText, WORKING_COPY_ACTIONS } from "@/lib/domain/workflow";
import { currentText, hasPendingChanges, workingCopyOf } from "@/lib/domain/working-copy";
import { editorHtmlFromJson } from "@/lib/editor/render";
import { AppError } from "@/lib/errors";
import { ZId } from "@/lib/validation/article";

export const metadata: Metadata = { title: "Edit story | Masthead newsroom" };
type Props = { params: Promise<{ id: string }> };

export default async function ArticleEditorPage({ params }: Props) {
  const user = await requireUserPage();
  const id = ZId.safeParse((await params).id);
  if (!id.success) notFound();
  const article = await findArticleForActor({ id: id.data, actor: user }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const facts = factsOf(article);
  const everPublished = isAfterPublication(article.status);
  const volumes = can(user, "place_in_issue", facts) ? await listVolumesWithIssues() : [];
  const [sections, people, publication, transitions, changeRequest, comments, corrections, takedowns, unreadHere] = await Promise.all([
    listSections(),
    listBylineCandidates(),
    getPublication(),
    listTransitions({ articleId: article.id }),
    hasChangesRequested(article.status) ? latestChangeRequest({ articleId: article.id }) : Promise.resolve(null),
    listComments({ actor: user, articleId: article.id }),
    listCorrections({ articleId: article.id }),
    everPublished && can(user, "correct", facts) ? listTakedownRequests({ articleId: article.id }) : Promise.resolve([]),
    countUnread({ userId: user.userId, link: storyLink(article.id) }),
  ]);
  const tz = publication.timeZone;
  const leadPersonId = article.authors[0]?.person.id;
  const allowed = availableTransitions(article.status).filter((action) => can(user, action, facts));
  const openRequired = comments.filter((c) => c.kind === "REQUIRED" && !c.resolved);
  const canEdit = can(user, "edit", facts);
  // A live story is edited as a working copy (lib/domain/working-copy.ts): the editor shows it.
  const working = currentText(article);
  const pendingChanges = hasPendingChanges(article);
  // The working copy's section, tags, lead image and bylines (the live story's when there is none).
  const hasCopy = workingCopyOf(article) !== null;
  const beside = {
    sectionId: hasCopy ? article.draftSectionId : article.sectionId,
    tags: (hasCopy ? article.draftTags : article.tags).map((t) => t.tag.name),
    leadImage: hasCopy ? article.draftLeadImage : article.leadImage,
    leadImageCaption: hasCopy ? article.draftLeadImageCaption : article.leadImageCaption,
    authors: hasCopy ? article.draftAuthors : article.authors,
  };
  const pickedMedia = (image: typeof article.leadImage) => {
    if (!image) return null;
    const urls = mediaUrls(image);
    return { id: image.id, url: urls.src, alt: image.alt, caption: image.caption, credit: image.credit, width: urls.width, height: urls.height };
  };
  const liveStory = keepsLiveText(article.status)
    ? {
        live: {
          headline: article.headline,
          dek: article.dek,
          text: article.bodyText,
          sectionId: article.sectionId,
          tags: article.tags.map((t) => t.tag.name),
          leadImage: article.leadImage ? { id: article.leadImage.id, alt: article.leadImage.alt, caption: article.leadImageCaption ?? article.leadImage.caption, credit: article.leadImage.credit } : null,
          coAuthorIds: article.authors.map((a) => a.person.id).filter((pid) => pid !== leadPersonId),
        },
        pendingChanges,
        scheduled: isScheduled(article.status),
        // Offered whenever changes may be pending (the banner shows them only then); the use case checks again.
        actions: WORKING_COPY_ACTIONS.filter((a) => availableTransitions(article.status, { pendingChanges: true }).includes(a) && can(user, a, facts)),
      }
    : undefined;
  return (
    <div>
      {unreadHere > 0 && <MarkStoryRead articleId={article.id} action={markStoryReadAction} />}
      <p className="text-sm">
        <Link href="/newsroom">← All stories</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="font-serif text-2xl font-bold">{working.headline}</h1>
        <StatusBadge status={article.status} />
        <Link href={`/newsroom/articles/${article.id}/revisions`} className="text-sm">
          Revision history
        </Link>
        {isPublic(article.status) && (
          <Link href={`/articles/${article.slug}`} className="text-sm">
            View on the reader site
          </Link>
        )}
      </div>
      {isScheduled(article.status) && article.publishAt && (
        <p className="mt-2">
          Goes live <strong>{formatDateTime(article.publishAt, tz)}</strong> ({tz} time).
        </p>
      )}
      {volumes.length > 0 && (
        <div className="mt-4">
          <ArticleIssueForm
            action={setArticleIssueAction}
            articleId={article.id}
            issueId={article.issueId}
            issues={volumes.flatMap((v) => v.issues.map((i) => ({ id: i.id, label: `${v.label}, Issue ${i.number}: ${i.title}` })))}
          />
        </div>
      )}
      {canBePinned(article.status) && can(user, "pin", facts) && (
        <div className="mt-4">
          <PinForm articleId={article.id} pinRank={article.pinRank} action={pinAction} />
        </div>
      )}
      {changeRequest && (
        <div className="mt-4 rounded border-2 border-danger p-4" role="note" aria-label="Changes requested">
          <p className="font-semibold">
            {changeRequest.actor?.person.fullName ?? "A reviewer"} requested changes ({formatDateTime(changeRequest.createdAt, tz)}):
          </p>
          <p className="mt-1 whitespace-pre-line" data-testid="change-request-note">
            {changeRequest.note}
          </p>
          {openRequired.length > 0 && (
            <>
              <p className="mt-3 font-semibold">Required changes:</p>
              <ul className="mt-1 list-disc pl-6" data-testid="required-changes">
                {openRequired.map((c) => (
                  <li key={c.id}>
                    {c.quote && <span className="italic">“{c.quote}”: </span>}
                    {c.body}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="mt-6">
        <ArticleWorkspace
          // An anonymizing takedown rewrites the story's text on the server (decide-takedown): the
          // editor then opens afresh on the rewritten text instead of keeping the name on screen.
          key={takedowns.filter((t) => t.replacement !== null).length}
          article={{
            id: article.id,
            headline: working.headline,
            dek: working.dek,
            sectionId: beside.sectionId,
            coAuthorIds: beside.authors.map((a) => a.person.id).filter((pid) => pid !== leadPersonId),
            tags: beside.tags,
            leadImage: pickedMedia(beside.leadImage),
            leadImageCaption: beside.leadImageCaption ?? "",
            bodyHtml: editorHtmlFromJson(working.bodyJson),
            version: article.version,
            status: article.status,
          }}
          canEdit={canEdit}
          sections={sections}
          people={people.filter((p) => p.id !== leadPersonId)}
          transitions={allowed}
          timeZone={tz}
          transitionAction={transitionAction}
          liveStory={liveStory}
          comments={{
            articleId: article.id,
            initial: comments,
            canAnchor: canEdit,
            canRequire: can(user, "resolve_required", facts),
            canResolveCoaching: can(user, "resolve_coaching", facts),
            canResolveRequired: can(user, "resolve_required", facts),
          }}
          suggestions={{ me: { id: user.userId, name: user.name }, canSuggest: can(user, "suggest", facts), canDecide: can(user, "decide_suggestion", facts) }}
        />
      </div>
      {everPublished && (corrections.length > 0 || can(user, "correct", facts)) && (
        <section aria-labelledby="corrections-heading" className="mt-10">
          <h2 id="corrections-heading" className="text-xl font-bold">
            Corrections and editor’s notes
          </h2>
          <ol className="mt-3 flex flex-col gap-2">
            {corrections.map((c) => (
              <li key={c.id} className="border-l-4 border-warn pl-3">
                <p className="text-sm font-semibold">
                  {c.kind === "CORRECTION" ? "Correction" : "Editor’s note"} · {formatDateTime(new Date(c.createdAt), tz)} · {c.position}
                </p>
                <p>{c.body}</p>
              </li>
            ))}
          </ol>
          {can(user, "correct", facts) && (
            <div className="mt-4 max-w-2xl">
              <CorrectionForm articleId={article.id} action={addCorrectionAction} />
            </div>
          )}
        </section>
      )}
      {everPublished && can(user, "correct", facts) && (
        <section aria-labelledby="takedown-heading" className="mt-10">
          <h2 id="takedown-heading" className="text-xl font-bold">
            Takedown requests
          </h2>
          <ol className="mt-3 flex flex-col gap-4">
            {takedowns.map((t) => (
              <li key={t.id} className="rounded border border-rule p-3">
                <p className="font-semibold">
                  {t.requesterName} asked on {formatDateTime(t.createdAt, tz)}
                  {t.requesterContact && <span className="font-normal text-muted"> ({t.requesterContact})</span>}
                </p>
                <p className="mt-1 whitespace-pre-line">{t.reason}</p>
                {t.decision ? (
                  <p className="mt-2 text-sm">
                    <strong>Decision: {t.decision.toLowerCase()}</strong> by {t.decidedBy?.person.fullName} — {t.decisionReason}
                    {t.replacement && <> (name replaced by “{t.replacement}”)</>}
                  </p>
                ) : can(user, "decide_takedown", facts) ? (
                  <TakedownDecisionForm articleId={article.id} requestId={t.id} action={decideTakedownAction} />
                ) : (
                  <p className="mt-2 text-sm text-muted">Waiting for an adviser’s decision.</p>
                )}
              </li>
            ))}
          </ol>
          <div className="mt-4 max-w-2xl">
            <TakedownRequestForm articleId={article.id} action={recordTakedownAction} />
          </div>
        </section>
      )}
      <History
        entries={transitions.map((t) => ({
          id: t.id,
          action: t.action,
          from: t.fromStatus,
          to: t.toStatus,
          note: t.note,
          actor: t.actor?.person.fullName ?? null,
          atLabel: formatDateTime(t.createdAt, tz),
          atIso: t.createdAt.toISOString(),
          publishAtLabel: t.publishAt ? formatDateTime(t.publishAt, tz) : null,
        }))}
      />
    </div>
  );
}
