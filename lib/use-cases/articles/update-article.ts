import "server-only";
import type { z } from "zod";
import { type Actor, can } from "@/lib/auth/policy";
import {
  articleInclude,
  factsOf,
  findArticleForActor,
  nextArticleSlug,
  recordRevision,
  renderBody,
  type RenderedBody,
  resolveCoAuthors,
  resolveSection,
  setTags,
  toEditorArticleDto,
} from "@/lib/data/articles";
import { reanchorComments } from "@/lib/data/comments";
import { db } from "@/lib/data/db";
import { requireMedia } from "@/lib/data/media";
import { getPublication } from "@/lib/data/publication";
import { hasStableAddress, isPublic, keepsLiveText } from "@/lib/domain/workflow";
import { currentText, type LiveText } from "@/lib/domain/working-copy";
import { editorHtmlFromJson } from "@/lib/editor/render";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type TArticleUpdate, ZArticleUpdate } from "@/lib/validation/article";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type Tx, type UseCaseArgs } from "../transaction";
import { assertOnlySuggests, nextBeside, workingCopyOverlay, writeWorkingCopyBeside } from "./change-working-copy";

/** A save based on an old version: the story is not touched, the text goes to rejectStaleSave. */
class StaleSave extends Error {}

/**
 * "edit": the actor may change the story. "suggest": they may only propose changes (a co-author
 * in review, lib/auth/policy.ts), so the save must leave what readers would see as it is.
 */
function assertMayEdit(actor: Actor, article: Awaited<ReturnType<typeof findArticleForActor>>): "edit" | "suggest" {
  if (can(actor, "edit", factsOf(article))) return "edit";
  if (can(actor, "suggest", factsOf(article))) return "suggest";
  throw new AppError("FORBIDDEN", "You may not edit this story in its current state.");
}

/**
 * Save an edit. The write is a compare-and-swap on `version`: a save based on an old version
 * changes nothing in the story and gets CONFLICT with the current text, so no one silently
 * overwrites anyone. The losing text is still kept, as a "conflict" revision in the history.
 *
 * The body is rendered before the transaction opens (CPU work and a read of the media library);
 * the visibility and permission checks run again inside it, on the row the swap compares with.
 * A PUBLISHED or SCHEDULED story keeps its live text: the edit goes to its working copy
 * (lib/domain/working-copy.ts), which readers, feeds and search never see until publish_changes,
 * so the search index and the reader site are left alone; its section, tags, lead image and
 * bylines wait there too. Only a change to those of a story that is not live (none is public)
 * would refresh the reader site, so a save of a public story never does.
 */
export async function updateArticle({
  actor,
  id,
  input: raw,
  event = "edit",
  tx,
  now = new Date(),
}: UseCaseArgs<z.input<typeof ZArticleUpdate>> & { id: string; event?: "edit" | "restore" }) {
  const input = parseInput(ZArticleUpdate, raw);
  // 404 and 403 come before any rendering, as they always have.
  assertMayEdit(actor, await findArticleForActor({ id, actor, tx }));
  if (input.body !== undefined && input.bodyJson !== undefined) {
    throw new AppError("VALIDATION", "Send the body as HTML (body) or as the editor's document (bodyJson), not both.", { fields: { body: "Send body or bodyJson, not both." } });
  }
  const body = input.bodyJson !== undefined ? await renderBody({ json: input.bodyJson }, tx) : input.body !== undefined ? await renderBody(input.body, tx) : null;
  try {
    return await inTransaction(tx, async (tx) => {
      const current = await findArticleForActor({ id, actor, tx });
      const mode = assertMayEdit(actor, current);
      if (current.version !== input.version) throw new StaleSave();
      const sectionId = await resolveSection(tx, input.section);
      if (input.leadImageId) await requireMedia({ id: input.leadImageId, tx });
      const lead = current.authors[0]?.person.id ?? actor.personId;
      const coAuthors = await resolveCoAuthors(tx, input.coAuthorIds, lead);
      const working = currentText(current);
      const headline = input.headline ?? working.headline;
      const next: LiveText = {
        headline,
        dek: input.dek ?? working.dek,
        ...(body ? { bodyJson: JSON.stringify(body.json), bodyHtml: body.html, bodyText: body.text, wordCount: body.wordCount } : pickBody(working)),
      };
      const live = keepsLiveText(current.status);
      // What the save leaves beside the text: needed for a live story's working copy and to check a suggestion-only save.
      const beside = live || mode === "suggest" ? await nextBeside(tx, current, { sectionId, leadImageId: input.leadImageId, tags: input.tags, authorIds: coAuthors && [lead, ...coAuthors] }) : null;
      if (mode === "suggest" && beside) assertOnlySuggests(actor, current, next, beside);
      // A live story's section, lead image, tags and bylines wait in its working copy with its text.
      const overlay = live && beside ? workingCopyOverlay(current, next, now, beside) : null;
      const data: Prisma.ArticleUpdateManyMutationInput = {
        ...(overlay ? overlay.data : next),
        version: { increment: 1 },
        ...(!overlay && sectionId !== undefined ? { sectionId } : {}),
        ...(!overlay && input.leadImageId !== undefined ? { leadImageId: input.leadImageId } : {}),
        // Links to a story stay stable once it has been public (or is scheduled to be).
        ...(!hasStableAddress(current) && headline !== current.headline ? { slug: await nextArticleSlug(tx, headline, current.id) } : {}),
      };
      const swapped = await tx.article.updateMany({ where: { id, version: input.version }, data });
      if (swapped.count === 0) throw new StaleSave();
      // The comments' anchors follow their passages into the new text (comment rows only).
      if (body) await reanchorComments(tx, { articleId: id, previousBodyJson: current.draftBodyJson ?? current.bodyJson, bodyJson: JSON.stringify(body.json) });
      if (overlay) await writeWorkingCopyBeside(tx, id, overlay.keep);
      else await setTags(tx, id, input.tags);
      if (!overlay && coAuthors !== undefined) {
        await tx.articleAuthor.deleteMany({ where: { articleId: id } });
        await tx.articleAuthor.createMany({ data: [lead, ...coAuthors].map((personId, position) => ({ articleId: id, personId, position })) });
      }
      const updated = await tx.article.findUniqueOrThrow({ where: { id }, include: articleInclude });
      // The history keeps what was written: for a live story, its working copy.
      await recordRevision(tx, { article: { id, version: updated.version, ...currentText(updated) }, authorId: actor.userId, event, now });
      // No save changes the text readers see (the search index holds only that); a public
      // story's reader pages change only with what it shows beside the text.
      const readerSiteChanged = isPublic(current.status) && besideTextChanged(current, updated);
      return outcome(toEditorArticleDto(updated, await getPublication(tx)), { readerSiteChanged });
    });
  } catch (error) {
    // Based on an old version, or lost a race with another save between our read and our write.
    // Outside a caller's transaction ours has rolled back by now, so the record goes through db.
    if (error instanceof StaleSave) return rejectStaleSave({ client: tx ?? db, actor, id, input, body, now });
    throw error;
  }
}

function pickBody(text: LiveText) {
  return { bodyJson: text.bodyJson, bodyHtml: text.bodyHtml, bodyText: text.bodyText, wordCount: text.wordCount };
}

type Row = Awaited<ReturnType<typeof findArticleForActor>>;

/** Section, tags, lead image or bylines changed: what a reader page shows beside the text. */
function besideTextChanged(before: Row, after: Row): boolean {
  const key = (row: Row) => JSON.stringify([row.sectionId, row.leadImageId, row.tags.map((t) => t.tag.slug), row.authors.map((a) => a.person.id)]);
  return key(before) !== key(after);
}

/** Keep the rejected text as a revision, then answer CONFLICT with what is current. */
async function rejectStaleSave({
  client,
  actor,
  id,
  input,
  body,
  now,
}: {
  client: Tx | typeof db;
  actor: Actor;
  id: string;
  input: TArticleUpdate;
  body: RenderedBody | null;
  now: Date;
}): Promise<never> {
  const row = await client.article.findUniqueOrThrow({ where: { id }, include: articleInclude });
  // What the other save left is the working copy of a live story.
  const current = { ...currentText(row), version: row.version, updatedAt: row.updatedAt };
  const lastEditor = await client.revision.findFirst({
    where: { articleId: id, event: { not: "conflict" } },
    orderBy: { createdAt: "desc" },
    select: { author: { select: { person: { select: { fullName: true } } } } },
  });
  await client.revision.create({
    data: {
      articleId: id,
      authorId: actor.userId,
      version: input.version,
      headline: input.headline ?? current.headline,
      dek: input.dek ?? current.dek,
      bodyJson: body ? JSON.stringify(body.json) : current.bodyJson,
      bodyText: body ? body.text : current.bodyText,
      event: "conflict",
      createdAt: now,
    },
  });
  throw new AppError("CONFLICT", "Someone saved a newer version of this story. Nothing was overwritten.", {
    details: {
      currentVersion: current.version,
      current: {
        headline: current.headline,
        dek: current.dek,
        body: editorHtmlFromJson(current.bodyJson),
        text: current.bodyText,
        savedBy: lastEditor?.author.person.fullName ?? null,
        updatedAt: current.updatedAt.toISOString(),
      },
    },
  });
}
