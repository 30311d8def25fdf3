import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor, nextArticleSlug } from "@/lib/data/articles";
import { figuresIn } from "@/lib/data/media";
import { syncSearchIndex } from "@/lib/data/search";
import { redactAuditDetails } from "@/lib/data/audit";
import { reanchorComments } from "@/lib/data/comments";
import { withoutCommentMarks } from "@/lib/domain/anchors";
import { anonymizeDoc, anonymizeFigures, anonymizeJson, anonymizeString, slugNamesPerson } from "@/lib/domain/anonymize";
import { isPublic } from "@/lib/domain/workflow";
import { BODY_COLUMN_SETS, PLAIN_TEXT_COLUMNS } from "@/lib/domain/working-copy";
import { docToText, renderBodyFromJson } from "@/lib/editor/render";
import { AppError, notFound } from "@/lib/errors";
import { ZTakedownDecision } from "@/lib/validation/corrections";
import { parseInput } from "@/lib/validation/parse";
import type { Effects } from "../effects";
import { transitionArticle } from "../articles/transition-article";
import { inTransaction, outcome, type Tx, type UseCaseArgs } from "../transaction";

/**
 * Decide a takedown request (faculty only): keep; anonymize a named person across the story (a
 * new revision, so the history shows it); remove from search engines (noindex); or unpublish.
 *
 * All of it is one transaction: the "already decided" check, the unpublish (through the same
 * transition a person makes), the anonymizing rewrite (a version compare-and-swap) and the
 * record of the decision. A failure anywhere leaves the story and the request as they were.
 *
 * Anonymizing a story whose slug names the person gives it a new slug from the anonymized
 * headline, and the old address answers 404: a redirect would keep the name in a live URL.
 * Returns the story's slug after the decision.
 */
export async function decideTakedown({ actor, articleId, requestId, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZTakedownDecision>> & { articleId: string; requestId: string }) {
  const input = parseInput(ZTakedownDecision, raw);
  return inTransaction(tx, async (tx) => {
    const article = await findArticleForActor({ id: articleId, actor, tx });
    if (!can(actor, "decide_takedown", factsOf(article))) throw new AppError("FORBIDDEN", "Only an adviser decides takedown requests.");
    const request = await tx.takedownRequest.findFirst({ where: { id: requestId, articleId }, select: { id: true, decision: true } });
    if (!request) throw notFound("That request");
    if (request.decision) throw new AppError("CONFLICT", "That request has already been decided.");

    let unpublished: Effects | undefined;
    if (input.decision === "UNPUBLISH" && isPublic(article.status)) {
      unpublished = (await transitionArticle({ actor, id: articleId, input: { action: "unpublish", note: `Takedown: ${input.decisionReason}` }, tx, now })).effects;
    }
    const replacement = input.replacement?.trim() || "[name removed]";
    const name = input.decision === "ANONYMIZE" ? input.anonymizedName : undefined;
    const anonymize = name ? (text: string) => anonymizeString(text, name, replacement) : null;
    let slug = article.slug;
    if (name) slug = await anonymizeStory(tx, { article, name, replacement, authorId: actor.userId, now });
    if (input.decision === "NOINDEX") await tx.article.update({ where: { id: articleId }, data: { noindex: true } });
    await syncSearchIndex(tx, articleId);
    // The request is decided once: a second decision racing this one finds it taken.
    const decided = await tx.takedownRequest.updateMany({
      where: { id: requestId, decision: null },
      data: {
        decision: input.decision,
        decisionReason: anonymize ? anonymize(input.decisionReason) : input.decisionReason,
        // The name itself is not kept anywhere, this record included.
        anonymizedName: null,
        replacement: input.decision === "ANONYMIZE" ? replacement : null,
        decidedById: actor.userId,
        decidedAt: now,
      },
    });
    if (decided.count === 0) throw new AppError("CONFLICT", "That request has already been decided.");
    return outcome({ slug }, unpublished, {
      readerSiteChanged: isPublic(article.status),
      audit: [
        {
          kind: `takedown.${input.decision.toLowerCase() as "keep" | "anonymize" | "noindex" | "unpublish"}`,
          actorId: actor.userId,
          subject: articleId,
          details: {
            requestId,
            reason: anonymize ? anonymize(input.decisionReason) : input.decisionReason,
            ...(anonymize ? { replacement } : {}),
            ...(slug !== article.slug ? { slug: { from: anonymize ? anonymize(article.slug) : article.slug, to: slug } } : {}),
          },
          at: now,
        },
      ],
    });
  });
}

/**
 * The story's own text columns, every one of which an anonymizing takedown rewrites: plain
 * columns, and bodies (editor JSON with the HTML, text and word count rendered from it), live
 * and working copy, from the one list in lib/domain/working-copy.ts. A null column is left alone.
 */
const ARTICLE_TEXT_COLUMNS = PLAIN_TEXT_COLUMNS;
const ARTICLE_BODY_COLUMNS = BODY_COLUMN_SETS;

type ArticleRow = Awaited<ReturnType<typeof findArticleForActor>>;

/**
 * Replace the name in every layer that holds the story or talks about it: the story's text
 * columns, every revision, comments (bodies, quotes and anchors), corrections, transition
 * notes, the notifications that point at the story, the audit log's entries about it and the
 * takedown requests. The records stay; only the name goes. Returns the slug after.
 */
async function anonymizeStory(tx: Tx, { article, name, replacement, authorId, now }: { article: ArticleRow; name: string; replacement: string; authorId: string; now: Date }): Promise<string> {
  const scrub = (text: string) => anonymizeString(text, name, replacement);
  const row = article as unknown as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  for (const column of ARTICLE_TEXT_COLUMNS) if (typeof row[column] === "string") data[column] = scrub(row[column] as string);
  for (const columns of ARTICLE_BODY_COLUMNS) {
    if (typeof row[columns.json] !== "string") continue;
    const body = renderBodyFromJson(anonymizeDoc(JSON.parse(row[columns.json] as string), name, replacement));
    Object.assign(data, { [columns.json]: JSON.stringify(body.json), [columns.html]: body.html, [columns.text]: body.text, ...("words" in columns ? { [columns.words]: body.wordCount } : {}) });
  }
  const headline = String(data.headline ?? article.headline);
  const slug = slugNamesPerson(article.slug, name) ? await nextArticleSlug(tx, headline, article.id) : article.slug;
  const swapped = await tx.article.updateMany({ where: { id: article.id, version: article.version }, data: { ...data, slug, version: { increment: 1 } } });
  if (swapped.count === 0) throw new AppError("CONFLICT", "Someone saved the story meanwhile. Reload and decide again.");

  // Every earlier revision, then the anonymized text as a revision of its own (the history shows it).
  const revisionBodies: string[] = [];
  for (const r of await tx.revision.findMany({ where: { articleId: article.id }, select: { id: true, headline: true, dek: true, bodyJson: true, leadImageCaption: true } })) {
    revisionBodies.push(r.bodyJson);
    const doc = anonymizeDoc(withoutCommentMarks(JSON.parse(r.bodyJson)), name, replacement);
    const leadImageCaption = r.leadImageCaption === null ? null : scrub(r.leadImageCaption);
    await tx.revision.update({ where: { id: r.id }, data: { headline: scrub(r.headline), dek: scrub(r.dek), bodyJson: JSON.stringify(doc), bodyText: docToText(doc), leadImageCaption } });
  }
  const updated = await tx.article.findUniqueOrThrow({ where: { id: article.id }, select: { version: true, headline: true, dek: true, bodyJson: true, bodyText: true, leadImageId: true, leadImageCaption: true } });
  await tx.revision.create({ data: { articleId: article.id, authorId, ...updated, event: "anonymize", createdAt: now } });

  // Comments quote the story: their bodies, quotes and anchors, which then move to the new text.
  for (const c of await tx.comment.findMany({ where: { articleId: article.id }, select: { id: true, body: true, quote: true, anchorExact: true, anchorPrefix: true, anchorSuffix: true } })) {
    const maybe = (text: string | null) => (text === null ? null : scrub(text));
    await tx.comment.update({
      where: { id: c.id },
      data: { body: scrub(c.body), quote: maybe(c.quote), anchorExact: maybe(c.anchorExact), anchorPrefix: maybe(c.anchorPrefix), anchorSuffix: maybe(c.anchorSuffix) },
    });
  }
  // Legacy anchors (comment marks in the old body) are lifted from the anonymized old body.
  await reanchorComments(tx, { articleId: article.id, previousBodyJson: JSON.stringify(anonymizeDoc(JSON.parse(article.bodyJson), name, replacement)), bodyJson: updated.bodyJson });
  for (const c of await tx.correction.findMany({ where: { articleId: article.id }, select: { id: true, body: true } })) {
    await tx.correction.update({ where: { id: c.id }, data: { body: scrub(c.body) } });
  }
  // The pitch the story grew from (its title, angle and sources are on the newsroom's pitch pages).
  for (const p of await tx.pitch.findMany({ where: { articleId: article.id }, select: { id: true, title: true, angle: true, sources: true, decisionNote: true } })) {
    await tx.pitch.update({ where: { id: p.id }, data: { title: scrub(p.title), angle: scrub(p.angle), sources: scrub(p.sources), decisionNote: scrub(p.decisionNote) } });
  }
  for (const t of await tx.transition.findMany({ where: { articleId: article.id, note: { not: "" } }, select: { id: true, note: true } })) {
    await tx.transition.update({ where: { id: t.id }, data: { note: scrub(t.note) } });
  }
  for (const t of await tx.takedownRequest.findMany({ where: { articleId: article.id }, select: { id: true, requesterName: true, requesterContact: true, reason: true, decisionReason: true } })) {
    await tx.takedownRequest.update({
      where: { id: t.id },
      data: { requesterName: scrub(t.requesterName), requesterContact: scrub(t.requesterContact), reason: scrub(t.reason), decisionReason: scrub(t.decisionReason) },
    });
  }
  // Notifications link to the story by id (newsroom) or by its public address.
  const links = [{ link: { contains: article.id } }, { link: { contains: `/${article.slug}` } }];
  for (const n of await tx.notification.findMany({ where: { OR: links }, select: { id: true, title: true, excerpt: true } })) {
    await tx.notification.update({ where: { id: n.id }, data: { title: scrub(n.title), excerpt: scrub(n.excerpt) } });
  }
  await redactAuditDetails(tx, { articleId: article.id, redact: (details) => anonymizeJson(details, name, replacement) });
  await anonymizeStoryMedia(tx, { article, name, replacement, revisionBodies });
  return slug;
}

/**
 * The story's photos live in the media library, shared with other stories: their alt text,
 * caption, credit and file name are rewritten there (every story using them shows the new
 * words, and a later save re-reading the library brings nothing back), and so are the copies
 * other stories' bodies and revisions keep in their figures. Nothing else in those stories changes.
 */
async function anonymizeStoryMedia(tx: Tx, { article, name, replacement, revisionBodies }: { article: ArticleRow; name: string; replacement: string; revisionBodies: string[] }) {
  const ids = new Set<string>();
  for (const id of [article.leadImageId, article.draftLeadImageId]) if (id) ids.add(id);
  for (const body of [article.bodyJson, article.draftBodyJson, ...revisionBodies]) if (body) for (const f of figuresIn(body)) ids.add(f.mediaId);
  if (ids.size === 0) return;
  const scrub = (text: string) => anonymizeString(text, name, replacement);
  for (const m of await tx.media.findMany({ where: { id: { in: [...ids] } }, select: { id: true, alt: true, caption: true, credit: true, originalName: true } })) {
    await tx.media.update({ where: { id: m.id }, data: { alt: scrub(m.alt), caption: scrub(m.caption), credit: scrub(m.credit), originalName: scrub(m.originalName) } });
  }
  const sharing = [...ids].flatMap((id) => [{ bodyJson: { contains: id } }, { draftBodyJson: { contains: id } }]);
  for (const other of await tx.article.findMany({ where: { id: { not: article.id }, OR: sharing }, select: { id: true, bodyJson: true, draftBodyJson: true } })) {
    const data: Record<string, unknown> = {};
    for (const columns of ARTICLE_BODY_COLUMNS) {
      const json = (other as Record<string, string | null>)[columns.json];
      if (typeof json !== "string") continue;
      const body = renderBodyFromJson(anonymizeFigures(JSON.parse(json), ids, name, replacement));
      Object.assign(data, { [columns.json]: JSON.stringify(body.json), [columns.html]: body.html, [columns.text]: body.text, [columns.words]: body.wordCount });
    }
    // The version moves: an editor still holding the old figure words gets a conflict, not a silent revival.
    await tx.article.update({ where: { id: other.id }, data: { ...data, version: { increment: 1 } } });
    await syncSearchIndex(tx, other.id);
  }
  for (const r of await tx.revision.findMany({ where: { articleId: { not: article.id }, OR: [...ids].map((id) => ({ bodyJson: { contains: id } })) }, select: { id: true, bodyJson: true } })) {
    const doc = anonymizeFigures(JSON.parse(r.bodyJson), ids, name, replacement);
    await tx.revision.update({ where: { id: r.id }, data: { bodyJson: JSON.stringify(doc), bodyText: docToText(doc) } });
  }
}
