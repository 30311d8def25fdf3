import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { type findArticleForActor, findOrCreateTags, pruneTags, readBackArticle, recordRevision, type StoryColumns, toEditorArticleDto } from "@/lib/data/articles";
import { assertAltText } from "@/lib/data/media";
import { publisherIds, storyPeople } from "@/lib/data/notifications";
import { getPublication } from "@/lib/data/publication";
import { syncSearchIndex } from "@/lib/data/search";
import { applyTransition, isPublic, type TransitionResult, type WorkingCopyAction } from "@/lib/domain/workflow";
import {
  type Beside,
  currentBeside,
  currentText,
  hasPendingChanges,
  liveBeside,
  type LiveText,
  liveColumnsFrom,
  nextLeadImageCaption,
  sameBeside,
  sameText,
  workingCopyColumns,
  workingCopyOf,
} from "@/lib/domain/working-copy";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Notice } from "../effects";
import { outcome, type Tx } from "../transaction";
import { notifiedNames } from "./notified-names";
import { listSuggestions } from "@/lib/editor/suggestions";

type Row = Awaited<ReturnType<typeof findArticleForActor>>;

/** No working copy any more (published or discarded), nor a request to publish one. */
export const NO_WORKING_COPY = {
  ...workingCopyColumns(null),
  draftSectionId: null,
  draftLeadImageId: null,
  draftLeadImageCaption: null,
  draftUpdatedAt: null,
  draftRequestedById: null,
  draftRequestedAt: null,
} satisfies Prisma.ArticleUncheckedUpdateManyInput;

/**
 * The columns a save of a live story writes (an edit, or a decided suggestion): the working copy
 * (none at all when it says what readers already see), and the moment the live text last
 * changed, kept before `updatedAt` moves. `beside`: the section, lead image, tags and bylines the
 * save leaves the working copy with (left out: as they are). `keep` says what to hand
 * writeWorkingCopyBeside once the row is swapped: the beside-text to keep, or null for none.
 */
export function workingCopyOverlay(current: Row, next: LiveText, now: Date, beside: Beside = currentBeside(current)): { data: StoryColumns; keep: Beside | null } {
  // A comment anchor changes the stored JSON but not what readers see: it is kept (in the
  // working copy) without making a pending change.
  const same = sameText(next, current) && next.bodyJson === current.bodyJson && sameBeside(beside, liveBeside(current));
  return {
    data: {
      ...workingCopyColumns(same ? null : next),
      draftSectionId: same ? null : beside.sectionId,
      draftLeadImageId: same ? null : beside.leadImageId,
      draftLeadImageCaption: same ? null : beside.leadImageCaption,
      draftUpdatedAt: same ? null : now,
      ...(same ? { draftRequestedById: null, draftRequestedAt: null } : {}),
      liveUpdatedAt: current.liveUpdatedAt ?? current.updatedAt,
    },
    keep: same ? null : beside,
  };
}

/**
 * The section, lead image, tags and bylines a save of a live story leaves its working copy with:
 * what the save sends replaces, the rest stays as the working copy (or the live story) has it.
 * The story's own caption belongs to its photo: another photo (or none) without a caption of its
 * own in the same save falls back to the library's caption.
 */
export async function nextBeside(
  tx: Tx,
  current: Row,
  patch: { sectionId?: string | null; leadImageId?: string | null; leadImageCaption?: string | null; tags?: string[]; authorIds?: string[] },
): Promise<Beside> {
  const now = currentBeside(current);
  const leadImageId = patch.leadImageId !== undefined ? patch.leadImageId : now.leadImageId;
  return {
    sectionId: patch.sectionId !== undefined ? patch.sectionId : now.sectionId,
    leadImageId,
    leadImageCaption: nextLeadImageCaption(now, leadImageId, patch.leadImageCaption),
    tagSlugs: patch.tags !== undefined ? (await findOrCreateTags(tx, patch.tags)).map((t) => t.slug) : now.tagSlugs,
    authorIds: patch.authorIds ?? now.authorIds,
  };
}

/**
 * A save by someone who may only suggest (lib/auth/policy.ts "suggest" without "edit"): it may add
 * suggestions to the body, nothing else. What readers would see (headline, dek, the body with
 * every suggestion rejected) and the section, tags, lead image and bylines stay as they are.
 */
export function assertOnlySuggests(actor: Actor, current: Row, next: LiveText, beside: Beside): void {
  const text = currentText(current);
  if (!sameText(next, text) || !sameBeside(beside, currentBeside(current))) {
    throw new AppError("FORBIDDEN", "You can suggest changes to this story but not edit it now: switch to Suggesting, and leave the headline, dek and details as they are.");
  }
  // The new suggestions are theirs: nobody proposes in someone else's name.
  const before = new Set(listSuggestions(JSON.parse(text.bodyJson)).map((s) => s.id));
  if (listSuggestions(JSON.parse(next.bodyJson)).some((s) => !before.has(s.id) && s.author.id !== actor.userId)) {
    throw new AppError("FORBIDDEN", "A suggestion you make is recorded in your name only.");
  }
}

/**
 * writeWorkingCopyBeside for a save, which knows the rows the working copy holds now (`current`,
 * read in the same transaction): nothing is written when they already are what the save leaves,
 * which is every autosave of a live story but the one that changes a tag or a byline (issue 16:
 * seven statements on every keystroke's save otherwise).
 */
export async function saveWorkingCopyBeside(tx: Tx, current: Row, beside: Beside | null): Promise<void> {
  // Only the rows are compared (sameBeside's rule for tags and bylines), not the columns beside them.
  const rowsOnly = (tagSlugs: string[], authorIds: string[]): Beside => ({ sectionId: null, leadImageId: null, leadImageCaption: null, tagSlugs, authorIds });
  const held = rowsOnly(current.draftTags.map((t) => t.tag.slug), current.draftAuthors.map((a) => a.person.id));
  if (sameBeside(held, rowsOnly(beside?.tagSlugs ?? [], beside?.authorIds ?? []))) return;
  await writeWorkingCopyBeside(tx, current.id, beside);
}

/**
 * The working copy's tags and bylines after a save (null: there is no working copy any more). A tag
 * the working copy lets go of (a save that drops it, Discard changes, a save back to what readers
 * see) goes with it when nothing else carries it (lib/data/articles.ts pruneTags): a tag typed
 * into a live story and discarded leaves no Tag row behind.
 */
export async function writeWorkingCopyBeside(tx: Tx, articleId: string, beside: Beside | null): Promise<void> {
  const before = await tx.articleDraftTag.findMany({ where: { articleId }, select: { tagId: true } });
  await tx.articleDraftTag.deleteMany({ where: { articleId } });
  await tx.articleDraftAuthor.deleteMany({ where: { articleId } });
  if (beside) {
    const tags = beside.tagSlugs.length ? await tx.tag.findMany({ where: { slug: { in: beside.tagSlugs } }, select: { id: true } }) : [];
    if (tags.length) await tx.articleDraftTag.createMany({ data: tags.map((t) => ({ articleId, tagId: t.id })) });
    if (beside.authorIds.length) await tx.articleDraftAuthor.createMany({ data: beside.authorIds.map((personId, position) => ({ articleId, personId, position })) });
  }
  await pruneTags(tx, before.map((t) => t.tagId));
}

/**
 * The working copy's section, lead image, tags and bylines become the live story's (publish_changes,
 * or a fold), and the working copy's own are dropped. No working copy: nothing changes.
 */
async function applyBesideToLive(tx: Tx, current: Row): Promise<void> {
  if (!workingCopyOf(current)) return;
  const beside = currentBeside(current);
  const live = liveBeside(current);
  if (!sameBeside(beside, live)) {
    await tx.article.update({ where: { id: current.id }, data: { sectionId: beside.sectionId, leadImageId: beside.leadImageId, leadImageCaption: beside.leadImageCaption } });
    const before = await tx.articleTag.findMany({ where: { articleId: current.id }, select: { tagId: true } });
    await tx.articleTag.deleteMany({ where: { articleId: current.id } });
    const tags = beside.tagSlugs.length ? await tx.tag.findMany({ where: { slug: { in: beside.tagSlugs } }, select: { id: true } }) : [];
    if (tags.length) await tx.articleTag.createMany({ data: tags.map((t) => ({ articleId: current.id, tagId: t.id })) });
    // A live tag the published changes drop, which no other story carries, goes.
    await pruneTags(tx, before.map((t) => t.tagId));
    if (beside.authorIds.length && beside.authorIds.join(" ") !== live.authorIds.join(" ")) {
      await tx.articleAuthor.deleteMany({ where: { articleId: current.id } });
      await tx.articleAuthor.createMany({ data: beside.authorIds.map((personId, position) => ({ articleId: current.id, personId, position })) });
    }
  }
  await writeWorkingCopyBeside(tx, current.id, null);
}

/**
 * A story leaving the live-text statuses (unpublish, a cancelled schedule): its working copy
 * becomes its only text, so no edit is lost (lib/domain/workflow.ts foldsWorkingCopy). The
 * columns go into the move's own compare-and-swap; `afterSwap` then moves the tags and bylines.
 */
export function foldedWorkingCopy(current: Row): { data: Prisma.ArticleUncheckedUpdateManyInput; afterSwap: (tx: Tx) => Promise<void> } {
  const draft = workingCopyOf(current);
  const beside = currentBeside(current);
  return {
    data: { ...(draft ? { ...liveColumnsFrom(draft), sectionId: beside.sectionId, leadImageId: beside.leadImageId, leadImageCaption: beside.leadImageCaption } : {}), ...NO_WORKING_COPY },
    afterSwap: (tx) => applyBesideToLive(tx, current),
  };
}

/**
 * The working-copy actions of a PUBLISHED or SCHEDULED story, called by transitionArticle inside
 * its transaction once the actor may (the policy) and the story is theirs to see:
 * - publish_changes: the working copy becomes the live text (already rendered and sanitised when
 *   it was saved), with a revision, a history line, the search index and the reader site updated,
 *   and the story's "Updated" time set;
 * - discard_changes: the working copy is dropped, and the editor shows the live text again (the
 *   version moves, so an editor still holding the dropped text gets a conflict, not a silent revival);
 * - request_publish_changes: those who may publish are told the working copy waits for them.
 * Each exists only while there are pending changes (409 otherwise); the status never changes.
 */
export async function changeWorkingCopy({
  actor,
  current,
  action,
  note,
  confirmOpenSuggestions = false,
  tx,
  now,
  refusal,
}: {
  actor: Actor;
  current: Row;
  action: WorkingCopyAction;
  note: string;
  /** Publishing changes with suggestions still open in the working copy asks first. */
  confirmOpenSuggestions?: boolean;
  tx: Tx;
  now: Date;
  refusal: (result: Extract<TransitionResult, { ok: false }>) => AppError;
}) {
  const openSuggestions = listSuggestions(JSON.parse(current.draftBodyJson ?? current.bodyJson)).length;
  const result = applyTransition({ status: current.status, action, note, pendingChanges: hasPendingChanges(current), openSuggestions, confirmOpenSuggestions, now });
  if (!result.ok) throw refusal(result);
  const draft = workingCopyOf(current);
  const data: Prisma.ArticleUncheckedUpdateManyInput =
    action === "publish_changes" && draft
      ? { ...liveColumnsFrom(draft), ...NO_WORKING_COPY, liveUpdatedAt: now }
      : action === "discard_changes"
        ? { ...NO_WORKING_COPY, version: { increment: 1 } }
        : { draftRequestedById: actor.userId, draftRequestedAt: now };
  const swapped = await tx.article.updateMany({ where: { id: current.id, status: current.status, version: current.version }, data });
  if (swapped.count === 0) throw new AppError("CONFLICT", "The story changed while you were looking at it. Reload and try again.");
  // The section, lead image, tags and bylines go live with the text, or are dropped with it.
  if (action === "publish_changes") {
    await applyBesideToLive(tx, current);
    // What goes before readers now (the working copy's images, its lead image included) needs alt
    // text, as at publication; a refusal rolls the whole move back.
    await assertAltText({ articleId: current.id, tx });
  }
  else if (action === "discard_changes") await writeWorkingCopyBeside(tx, current.id, null);
  await tx.transition.create({ data: { articleId: current.id, actorId: actor.userId, action, fromStatus: result.from, toStatus: result.to, note, createdAt: now } });
  const updated = await readBackArticle(tx, current.id);
  const link = `/newsroom/articles/${current.id}`;
  const notify: Notice[] = [];
  if (action === "publish_changes") {
    await syncSearchIndex(tx, current.id);
    await recordRevision(tx, { article: updated, authorId: actor.userId, event: action, now });
    notify.push({ userIds: await storyPeople(tx, current.id), kind: "decision", title: `${await actorName(tx, actor.userId)} published changes to “${updated.headline}”`, link, exceptUserId: actor.userId });
  } else if (action === "request_publish_changes") {
    notify.push({ userIds: await publisherIds(tx, actor.reviewPolicy), kind: "publish_request", title: `${await actorName(tx, actor.userId)} asks to publish changes to “${draft?.headline ?? current.headline}”`, excerpt: note.slice(0, 160), link, exceptUserId: actor.userId });
  }
  const notified = await notifiedNames(tx, notify);
  return outcome(Object.assign(toEditorArticleDto(updated, await getPublication(tx)), { notified }), {
    readerSiteChanged: action === "publish_changes" && isPublic(current.status),
    notify,
    audit: [{ kind: `article.${action}`, actorId: actor.userId, subject: current.id, details: { headline: current.headline, status: current.status, note }, at: now }],
  });
}

async function actorName(tx: Tx, userId: string): Promise<string> {
  return (await tx.user.findUnique({ where: { id: userId }, select: { person: { select: { fullName: true } } } }))?.person.fullName ?? "Someone";
}
