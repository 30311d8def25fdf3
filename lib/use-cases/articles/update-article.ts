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
  toArticleDto,
} from "@/lib/data/articles";
import { reanchorComments } from "@/lib/data/comments";
import { db } from "@/lib/data/db";
import { requireMedia } from "@/lib/data/media";
import { getPublication } from "@/lib/data/publication";
import { syncSearchIndex } from "@/lib/data/search";
import { hasStableAddress, isPublic } from "@/lib/domain/workflow";
import { editorHtmlFromJson } from "@/lib/editor/render";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type TArticleUpdate, ZArticleUpdate } from "@/lib/validation/article";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type Tx, type UseCaseArgs } from "../transaction";

/** A save based on an old version: the story is not touched, the text goes to rejectStaleSave. */
class StaleSave extends Error {}

function assertMayEdit(actor: Actor, article: Awaited<ReturnType<typeof findArticleForActor>>) {
  if (!can(actor, "edit", factsOf(article))) throw new AppError("FORBIDDEN", "You may not edit this story in its current state.");
}

/**
 * Save an edit. The write is a compare-and-swap on `version`: a save based on an old version
 * changes nothing in the story and gets CONFLICT with the current text, so no one silently
 * overwrites anyone. The losing text is still kept, as a "conflict" revision in the history.
 *
 * The body is rendered before the transaction opens (CPU work and a read of the media library);
 * the visibility and permission checks run again inside it, on the row the swap compares with.
 * An edit of a public story refreshes the reader site; a draft's save leaves it alone.
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
  const body = input.body !== undefined ? await renderBody(input.body, tx) : null;
  try {
    return await inTransaction(tx, async (tx) => {
      const current = await findArticleForActor({ id, actor, tx });
      assertMayEdit(actor, current);
      if (current.version !== input.version) throw new StaleSave();
      const sectionId = await resolveSection(tx, input.section);
      if (input.leadImageId) await requireMedia({ id: input.leadImageId, tx });
      const lead = current.authors[0]?.person.id ?? actor.personId;
      const coAuthors = await resolveCoAuthors(tx, input.coAuthorIds, lead);
      const headline = input.headline ?? current.headline;
      const data: Prisma.ArticleUpdateManyMutationInput = {
        headline,
        dek: input.dek ?? current.dek,
        version: { increment: 1 },
        ...(body ? { bodyJson: JSON.stringify(body.json), bodyHtml: body.html, bodyText: body.text, wordCount: body.wordCount } : {}),
        ...(sectionId !== undefined ? { sectionId } : {}),
        ...(input.leadImageId !== undefined ? { leadImageId: input.leadImageId } : {}),
        // Links to a story stay stable once it has been public (or is scheduled to be).
        ...(!hasStableAddress(current) && headline !== current.headline ? { slug: await nextArticleSlug(tx, headline, current.id) } : {}),
      };
      const swapped = await tx.article.updateMany({ where: { id, version: input.version }, data });
      if (swapped.count === 0) throw new StaleSave();
      // The comments' anchors follow their passages into the new text (comment rows only).
      if (body) await reanchorComments(tx, { articleId: id, previousBodyJson: current.bodyJson, bodyJson: JSON.stringify(body.json) });
      await setTags(tx, id, input.tags);
      if (coAuthors !== undefined) {
        await tx.articleAuthor.deleteMany({ where: { articleId: id } });
        await tx.articleAuthor.createMany({ data: [lead, ...coAuthors].map((personId, position) => ({ articleId: id, personId, position })) });
      }
      const updated = await tx.article.findUniqueOrThrow({ where: { id }, include: articleInclude });
      await recordRevision(tx, { article: updated, authorId: actor.userId, event, now });
      if (isPublic(updated.status)) await syncSearchIndex(tx, id);
      return outcome(toArticleDto(updated, await getPublication(tx)), { readerSiteChanged: isPublic(current.status) || isPublic(updated.status) });
    });
  } catch (error) {
    // Based on an old version, or lost a race with another save between our read and our write.
    // Outside a caller's transaction ours has rolled back by now, so the record goes through db.
    if (error instanceof StaleSave) return rejectStaleSave({ client: tx ?? db, actor, id, input, body, now });
    throw error;
  }
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
  const current = await client.article.findUniqueOrThrow({ where: { id }, select: { version: true, headline: true, dek: true, bodyJson: true, bodyText: true, updatedAt: true } });
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
