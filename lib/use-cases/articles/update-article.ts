import "server-only";
import type { z } from "zod";
import { type Actor, can } from "@/lib/auth/policy";
import {
  factsOf,
  findArticleForActor,
  findArticleRow,
  nextArticleSlug,
  type PreparedBody,
  prepareBody,
  readBackArticle,
  recordRevision,
  resolveCoAuthors,
  resolveSection,
  sameTags,
  setTags,
  type StoryColumns,
  swapStoryVersion,
  toEditorArticleDto,
  type EditorArticleDto,
  withRenderedBody,
} from "@/lib/data/articles";
import { reanchorComments } from "@/lib/data/comments";
import { db } from "@/lib/data/db";
import { requireMedia } from "@/lib/data/media";
import { getPublication } from "@/lib/data/publication";
import { hasStableAddress, keepsLiveText } from "@/lib/domain/workflow";
import { currentLeadImage, currentText, hasPendingChanges, type LiveText, nextLeadImageCaption } from "@/lib/domain/working-copy";
import { editorHtmlFromJson } from "@/lib/editor/render";
import { AppError, notFound } from "@/lib/errors";
import { type TArticleUpdate, ZArticleUpdate } from "@/lib/validation/article";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type Outcome, type PhaseClock, type Tx, type UseCaseArgs } from "../transaction";
import { assertOnlySuggests, nextBeside, saveWorkingCopyBeside, workingCopyOverlay } from "./change-working-copy";

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

/** The short answer to a save (`answer: "minimal"`, the editor's autosave): what the editor needs to go on. */
export type SavedArticleSummary = Pick<EditorArticleDto, "id" | "slug" | "status" | "version" | "wordCount" | "updatedAt" | "pendingChanges">;

type SaveArgs = UseCaseArgs<z.input<typeof ZArticleUpdate>> & {
  id: string;
  event?: "edit" | "restore";
  /** "full" (default): the story as the API shows it, HTML body included; "minimal": SavedArticleSummary. */
  answer?: "full" | "minimal";
  /** Where the time goes (the save handler's Server-Timing). */
  clock?: PhaseClock;
};

/**
 * Save an edit. The write is a compare-and-swap on `version`: a save based on an old version
 * changes nothing in the story and gets CONFLICT with the current text, so no one silently
 * overwrites anyone. The losing text is still kept, as a "conflict" revision in the history.
 *
 * A save stores the document, its text and word count, and no HTML: the body is parsed (HTML)
 * or checked (the editor's document) before the transaction opens, and its HTML is rendered and
 * sanitised once, from the stored document, when someone else is to see it (a transition, a view,
 * an API answer: withRenderedBody). A "minimal" answer renders nothing at all; a "full" one
 * renders after the commit, outside the transaction, and keeps the result for the next reader.
 * The visibility and permission checks run again inside the transaction, on the row the swap
 * compares with. A PUBLISHED or SCHEDULED story keeps its live text: the edit goes to its working
 * copy (lib/domain/working-copy.ts), which readers, feeds and search never see until
 * publish_changes, so the search index and the reader site are left alone; its section, tags,
 * lead image and bylines wait there too. Only a change to those of a story that is not live (none
 * is public) would refresh the reader site, so a save of a public story never does.
 */
export function updateArticle(args: SaveArgs & { answer: "minimal" }): Promise<Outcome<SavedArticleSummary>>;
export function updateArticle(args: SaveArgs & { answer?: "full" }): Promise<Outcome<EditorArticleDto>>;
export async function updateArticle({
  actor,
  id,
  input: raw,
  event = "edit",
  tx,
  now = new Date(),
  answer,
  clock,
}: SaveArgs): Promise<Outcome<EditorArticleDto | SavedArticleSummary>> {
  const input = parseInput(ZArticleUpdate, raw);
  clock?.mark("parse");
  // 404 and 403 come before any parsing of the body, as they always have.
  assertMayEdit(actor, await findArticleForActor({ id, actor, tx }));
  if (input.body !== undefined && input.bodyJson !== undefined) {
    throw new AppError("VALIDATION", "Send the body as HTML (body) or as the editor's document (bodyJson), not both.", { fields: { body: "Send body or bodyJson, not both." } });
  }
  clock?.mark("validate");
  const body = input.bodyJson !== undefined ? await prepareBody({ json: input.bodyJson }, tx, clock) : input.body !== undefined ? await prepareBody(input.body, tx, clock) : null;
  let saved: Outcome<Row>;
  try {
    saved = await inTransaction(
      tx,
      async (tx) => {
        const current = await findArticleForActor({ id, actor, tx });
        const mode = assertMayEdit(actor, current);
        if (current.version !== input.version) throw new StaleSave();
        const working = currentText(current);
        const headline = input.headline ?? working.headline;
        const bodyJson = body ? JSON.stringify(body.json) : null;
        const next: LiveText = {
          headline,
          dek: input.dek ?? working.dek,
          // The HTML stays UNRENDERED_HTML until someone else is to see this version.
          ...(body && bodyJson !== null ? { bodyJson, bodyHtml: body.html, bodyText: body.text, wordCount: body.wordCount } : pickBody(working)),
        };
        const live = keepsLiveText(current.status);
        const resolvedSection = await resolveSection(tx, input.section);
        const lead = current.authors[0]?.person.id ?? actor.personId;
        // Links to a story stay stable once it has been public (or is scheduled to be).
        const slug = !hasStableAddress(current) && headline !== current.headline ? { slug: await nextArticleSlug(tx, headline, current.id) } : {};
        let updated: Row;
        if (live || mode === "suggest") {
          // A live story's section, lead image, tags and bylines wait in its working copy with its
          // text; a suggestion-only save must leave all of them as readers would see them.
          if (input.leadImageId) await requireMedia({ id: input.leadImageId, tx });
          const coAuthors = await resolveCoAuthors(tx, input.coAuthorIds, lead);
          const beside = await nextBeside(tx, current, { sectionId: resolvedSection, leadImageId: input.leadImageId, leadImageCaption: input.leadImageCaption, tags: input.tags, authorIds: coAuthors && [lead, ...coAuthors] });
          if (mode === "suggest") assertOnlySuggests(actor, current, next, beside);
          const overlay = live ? workingCopyOverlay(current, next, now, beside) : null;
          const columns: StoryColumns = { ...(overlay ? overlay.data : next), ...slug, updatedAt: now };
          if (!(await swapStoryVersion(tx, { id, version: input.version, columns }))) throw new StaleSave();
          if (overlay) await saveWorkingCopyBeside(tx, current, overlay.keep);
          updated = await readBackArticle(tx, id);
        } else {
          // Only what changed is written: the autosave sends every field every time.
          const sectionId = resolvedSection !== current.sectionId ? resolvedSection : undefined;
          const leadImageId = input.leadImageId !== undefined && input.leadImageId !== current.leadImageId ? input.leadImageId : undefined;
          if (leadImageId) await requireMedia({ id: leadImageId, tx });
          // The story's own caption goes with its photo (lib/domain/working-copy.ts nextLeadImageCaption).
          const caption = nextLeadImageCaption(current, leadImageId !== undefined ? leadImageId : current.leadImageId, input.leadImageCaption);
          const leadImageCaption = caption !== current.leadImageCaption ? caption : undefined;
          const coAuthors = input.coAuthorIds !== undefined && !sameBylines(lead, input.coAuthorIds, current) ? await resolveCoAuthors(tx, input.coAuthorIds, lead) : undefined;
          const tags = input.tags !== undefined && !sameTags(input.tags, current) ? input.tags : undefined;
          // Plain column values only (no Prisma operations), so the saved row can be told without reading it back.
          const columns = { ...next, ...slug, updatedAt: now };
          const written: StoryColumns = {
            ...columns,
            ...(sectionId !== undefined ? { sectionId } : {}),
            ...(leadImageId !== undefined ? { leadImageId } : {}),
            ...(leadImageCaption !== undefined ? { leadImageCaption } : {}),
          };
          if (!(await swapStoryVersion(tx, { id, version: input.version, columns: written }))) throw new StaleSave();
          await setTags(tx, id, tags);
          if (coAuthors !== undefined) {
            await tx.articleAuthor.deleteMany({ where: { articleId: id } });
            await tx.articleAuthor.createMany({ data: [lead, ...coAuthors].map((personId, position) => ({ articleId: id, personId, position })) });
          }
          // What a reader page shows beside the text changed: read the row back with its relations;
          // otherwise it is the row read above with the columns just written.
          const besideChanged = sectionId !== undefined || leadImageId !== undefined || leadImageCaption !== undefined || coAuthors !== undefined || tags !== undefined;
          updated = besideChanged ? await readBackArticle(tx, id) : { ...current, ...(columns as Partial<Row>), version: current.version + 1 };
        }
        // The comments' anchors follow their passages into the new text (comment rows only).
        if (bodyJson !== null) await reanchorComments(tx, { articleId: id, previousBodyJson: current.draftBodyJson ?? current.bodyJson, bodyJson });
        // The history keeps what was written: for a live story, its working copy.
        await recordRevision(tx, { article: { id, version: updated.version, ...currentText(updated), ...currentLeadImage(updated) }, authorId: actor.userId, event, now });
        // No save changes what readers see: the only public stories are live ones, whose text and
        // what shows beside it wait in the working copy until publish_changes.
        return outcome(updated, { readerSiteChanged: false });
      },
      clock,
    );
  } catch (error) {
    // Based on an old version, or lost a race with another save between our read and our write.
    // Outside a caller's transaction ours has rolled back by now, so the record goes through db.
    if (error instanceof StaleSave) return rejectStaleSave({ client: tx ?? db, actor, id, input, body, now });
    throw error;
  }
  const row = saved.data;
  const data: EditorArticleDto | SavedArticleSummary =
    answer === "minimal"
      ? ({ id: row.id, slug: row.slug, status: row.status, version: row.version, wordCount: currentText(row).wordCount, updatedAt: row.updatedAt.toISOString(), pendingChanges: hasPendingChanges(row) } satisfies SavedArticleSummary)
      : toEditorArticleDto(await withRenderedBody(row, tx), await getPublication(tx));
  clock?.mark("respond");
  return { data, effects: saved.effects };
}

/** The bylines a save asks for are the story's bylines already (lead first, then co-authors in order). */
function sameBylines(lead: string, coAuthorIds: string[], current: Row): boolean {
  const wanted = [lead, ...[...new Set(coAuthorIds)].filter((id) => id !== lead)];
  const have = current.authors.map((a) => a.person.id);
  return wanted.length === have.length && wanted.every((id, i) => id === have[i]);
}

function pickBody(text: LiveText) {
  return { bodyJson: text.bodyJson, bodyHtml: text.bodyHtml, bodyText: text.bodyText, wordCount: text.wordCount };
}

type Row = Awaited<ReturnType<typeof findArticleForActor>>;

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
  body: PreparedBody | null;
  now: Date;
}): Promise<never> {
  const row = await findArticleRow({ id, tx: client === db ? undefined : (client as Tx) });
  if (!row) throw notFound();
  // What the other save left is the working copy of a live story.
  const current = { ...currentText(row), version: row.version, updatedAt: row.updatedAt };
  // The losing save's photo and caption as it would have left them (a caption goes with its photo).
  const photo = currentLeadImage(row);
  const leadImageId = input.leadImageId !== undefined ? input.leadImageId : photo.leadImageId;
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
      leadImageId,
      leadImageCaption: nextLeadImageCaption(photo, leadImageId, input.leadImageCaption),
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
