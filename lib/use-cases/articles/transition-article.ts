import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor, readBackArticle, recordRevision, toEditorArticleDto, withRenderedBody } from "@/lib/data/articles";
import { assertAltText } from "@/lib/data/media";
import { publisherIds, reviewerIds, storyPeople } from "@/lib/data/notifications";
import { getPublication } from "@/lib/data/publication";
import { syncSearchIndex } from "@/lib/data/search";
import {
  applyTransition,
  foldsWorkingCopy,
  isDue,
  isPublic,
  isScheduled,
  isWorkingCopyAction,
  STATUS,
  keepsFrontPageSlot,
  REVISION_EVENTS,
  type TransitionResult,
} from "@/lib/domain/workflow";
import { hasPendingChanges } from "@/lib/domain/working-copy";
import { listSuggestions } from "@/lib/editor/suggestions";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZTransition } from "@/lib/validation/article";
import type { Notice } from "../effects";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";
import { changeWorkingCopy, foldedWorkingCopy } from "./change-working-copy";
import { notifiedNames } from "./notified-names";

const DECISION_VERBS = { request_changes: "requested changes on", approve: "approved", unpublish: "unpublished", republish: "republished" } as const;

/** The start of a note, as a notification quotes it. */
function noteExcerpt(note: string): string {
  const flat = note.replace(/\s+/g, " ").trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}

/** A refused transition as the error its caller shows (409 for state, 422 for a field). */
function refusal(result: Extract<TransitionResult, { ok: false }>): AppError {
  if (result.code === "INVALID_TRANSITION" || result.code === "NO_PENDING_CHANGES") return new AppError("INVALID_TRANSITION", result.message);
  if (result.code === "REQUIRED_CHANGES_OPEN" || result.code === "SUGGESTIONS_OPEN") return new AppError("CONFLICT", result.message);
  const field = result.code === "NOTE_REQUIRED" ? "note" : "publishAt";
  return new AppError("VALIDATION", result.message, { fields: { [field]: result.message } });
}

/**
 * Move a story through the workflow: 404 if the actor cannot see it, 403 if their role may not,
 * 409 if the state does not allow it, 422 for a missing note or a publish time not in the future.
 * The same path for a person (form or API) and for the scheduler (SYSTEM_ACTOR): every move gets
 * its history line, its revision where the workflow marks one, its audit entry and its notices.
 */
export async function transitionArticle({ actor, id, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZTransition>> & { id: string }) {
  const input = parseInput(ZTransition, raw);
  // Saves leave the HTML unrendered: a move shows this version to someone else, so it is
  // rendered and sanitised now, before the transaction opens (inside it only if a save landed
  // in between). The scheduler only publishes what its scheduling move already rendered.
  if (!tx && !actor.system) await withRenderedBody(await findArticleForActor({ id, actor }));
  return inTransaction(tx, async (tx) => {
    const current = await withRenderedBody(await findArticleForActor({ id, actor, tx }), tx);
    if (!can(actor, input.action, factsOf(current))) throw new AppError("FORBIDDEN", "Your role may not do that to this story.");
    if (actor.system && !isDue(current, now)) throw new AppError("INVALID_TRANSITION", "This story is not due yet.");
    // A live story's working copy: published, discarded or sent to those who may publish it.
    if (isWorkingCopyAction(input.action)) return changeWorkingCopy({ actor, current, action: input.action, note: input.note?.trim() ?? "", confirmOpenSuggestions: input.confirmOpenSuggestions, tx, now, refusal });
    // Every image a reader will see needs alt text before the story goes (back) out.
    if (input.action === "publish" || input.action === "republish") await assertAltText({ articleId: id, tx });
    const openRequiredChanges = await tx.comment.count({ where: { articleId: id, kind: "REQUIRED", resolvedAt: null, parentId: null } });
    const publishAt = input.publishAt ? new Date(input.publishAt) : null;
    // The scheduler publishes a story that is due: its time has come, so it carries none.
    // Open suggestions ask first (the request confirms); a scheduled story was confirmed when it was scheduled.
    const openSuggestions = listSuggestions(JSON.parse(current.bodyJson)).length;
    const confirmOpenSuggestions = input.confirmOpenSuggestions || actor.system === true;
    const result = applyTransition({ status: current.status, action: input.action, note: input.note, publishAt, openRequiredChanges, openSuggestions, confirmOpenSuggestions, now });
    if (!result.ok) throw refusal(result);
    const firstPublication = result.publishedNow && !current.publishedAt;
    const fold = foldsWorkingCopy(result.from, result.to) ? foldedWorkingCopy(current) : null;
    const swapped = await tx.article.updateMany({
      where: { id, status: current.status, version: current.version },
      data: {
        status: result.to,
        publishAt: result.publishAt,
        // A story that leaves the public site leaves its front-page slot too.
        ...(!keepsFrontPageSlot(result.to) ? { pinRank: null } : {}),
        // A scheduled story's publication date is the time it was scheduled for.
        ...(firstPublication ? { publishedAt: actor.system && current.publishAt ? current.publishAt : now } : {}),
        // Out of the live-text statuses, the working copy becomes the story's one text.
        ...fold?.data,
        // What readers see was last set by this move (updatedAt moves with it).
        liveUpdatedAt: null,
      },
    });
    if (swapped.count === 0) throw new AppError("CONFLICT", "The story changed while you were looking at it. Reload and try again.");
    await fold?.afterSwap(tx);
    const note = input.note?.trim() || (actor.system ? "Published at its scheduled time." : "");
    const actorId = actor.system ? null : actor.userId;
    await tx.transition.create({
      data: { articleId: id, actorId, action: input.action, fromStatus: result.from, toStatus: result.to, note, publishAt: result.publishAt, createdAt: now },
    });
    await syncSearchIndex(tx, id);
    const updated = await readBackArticle(tx, id);
    if (REVISION_EVENTS.has(input.action)) {
      // The system has no account: a scheduled publication is credited to whoever scheduled it.
      const authorId = actorId ?? (await scheduledBy(tx, id)) ?? current.createdById;
      await recordRevision(tx, { article: updated, authorId, event: input.action, now });
    }
    const link = `/newsroom/articles/${id}`;
    const notify: Notice[] = [];
    // Who did it, so a notification says more than "a decision"; the note is quoted beside it.
    const by = actorId ? ((await tx.user.findUnique({ where: { id: actorId }, select: { person: { select: { fullName: true } } } }))?.person.fullName ?? "Someone") : "";
    const excerpt = noteExcerpt(note);
    if (input.action === "submit") {
      notify.push({ userIds: await reviewerIds(tx), kind: "submitted", title: `${by} submitted “${current.headline}” for review`, excerpt, link, exceptUserId: actor.userId });
    } else if (input.action !== "withdraw") {
      const what =
        input.action === "publish"
          ? isScheduled(result.to)
            ? "scheduled"
            : "published"
          : input.action === "unpublish" && isScheduled(result.from)
            ? "cancelled the schedule of"
            : DECISION_VERBS[input.action];
      const title = actor.system ? `Published as scheduled: “${current.headline}”` : `${by} ${what} “${current.headline}”`;
      notify.push({ userIds: await storyPeople(tx, id), kind: "decision", title, excerpt: actor.system ? "" : excerpt, link, exceptUserId: actor.userId });
    }
    const pub = await getPublication(tx);
    // The scheduler puts out only the approved text; edits made since wait in the working copy,
    // and those who may publish them are told (the banner offers Publish changes or Discard).
    if (actor.system && hasPendingChanges(current)) {
      notify.push({
        userIds: await publisherIds(tx, pub.reviewPolicy),
        kind: "publish_request",
        title: `“${current.headline}”: Published on schedule; changes made after approval are waiting: Publish changes or Discard`,
        link,
      });
    }
    const notified = await notifiedNames(tx, notify);
    return outcome(Object.assign(toEditorArticleDto(updated, pub), { notified }), {
      readerSiteChanged: isPublic(result.from) || isPublic(result.to),
      notify,
      audit: [
        {
          kind: actor.system ? "article.scheduled_publish" : `article.${input.action}`,
          actorId,
          subject: id,
          details: { headline: current.headline, from: result.from, to: result.to, note, publishAt: result.publishAt ?? current.publishAt },
          at: now,
        },
      ],
    });
  });
}

/** Who scheduled a story: the actor of its latest move into SCHEDULED. */
async function scheduledBy(tx: NonNullable<UseCaseArgs<unknown>["tx"]>, articleId: string): Promise<string | null> {
  const row = await tx.transition.findFirst({ where: { articleId, action: "publish", toStatus: STATUS.SCHEDULED }, orderBy: { createdAt: "desc" }, select: { actorId: true } });
  return row?.actorId ?? null;
}
