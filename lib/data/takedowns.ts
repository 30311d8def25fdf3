import "server-only";
import { type Actor, can } from "@/lib/auth/policy";
import { anonymizeDoc, anonymizeText, slugNamesPerson } from "@/lib/domain/anonymize";
import { renderBodyFromJson } from "@/lib/editor/render";
import { AppError, notFound } from "@/lib/errors";
import type { TTakedownDecision, TTakedownRequest } from "@/lib/validation/corrections";
import { factsOf, findArticleForActor, nextArticleSlug, transitionArticle } from "./articles";
import { db } from "./db";
import { syncSearchIndex } from "./search";

/** Record a takedown request (editors and advisers); the decision comes later. */
export async function recordTakedownRequest({ actor, articleId, input }: { actor: Actor; articleId: string; input: TTakedownRequest }) {
  const article = await findArticleForActor({ id: articleId, actor });
  if (!can(actor, "correct", factsOf(article))) throw new AppError("FORBIDDEN", "Only editors and advisers record takedown requests.");
  return db.$transaction(async (tx) => {
    const request = await tx.takedownRequest.create({ data: { articleId, ...input } });
    await tx.auditLog.create({ data: { actorId: actor.userId, action: "takedown.request", subject: articleId, details: JSON.stringify({ requestId: request.id, requesterName: input.requesterName, reason: input.reason }) } });
    return request;
  });
}

export async function listTakedownRequests({ articleId }: { articleId: string }) {
  return db.takedownRequest.findMany({
    where: { articleId },
    orderBy: { createdAt: "desc" },
    select: { id: true, requesterName: true, requesterContact: true, reason: true, decision: true, decisionReason: true, anonymizedName: true, replacement: true, decidedAt: true, createdAt: true, decidedBy: { select: { person: { select: { fullName: true } } } } },
  });
}

/**
 * Decide a takedown request (faculty only): keep; anonymize a named person across the story
 * (a new revision, so the history shows it); remove from search engines (noindex); or unpublish.
 * Each outcome is in the audit trail.
 *
 * Anonymizing a story whose slug names the person gives it a new slug from the anonymized
 * headline, and the old address answers 404: a redirect would keep the name in a live URL.
 * Returns the story's slug after the decision.
 */
export async function decideTakedown({ actor, articleId, requestId, input }: { actor: Actor; articleId: string; requestId: string; input: TTakedownDecision }) {
  const article = await findArticleForActor({ id: articleId, actor });
  if (!can(actor, "decide_takedown", factsOf(article))) throw new AppError("FORBIDDEN", "Only an adviser decides takedown requests.");
  const request = await db.takedownRequest.findFirst({ where: { id: requestId, articleId }, select: { id: true, decision: true } });
  if (!request) throw notFound("That request");
  if (request.decision) throw new AppError("CONFLICT", "That request has already been decided.");
  if (input.decision === "UNPUBLISH") {
    if (article.status === "PUBLISHED") await transitionArticle({ actor, id: articleId, input: { action: "unpublish", note: `Takedown: ${input.decisionReason}` } });
  }
  const replacement = input.replacement?.trim() || "[name removed]";
  return db.$transaction(async (tx) => {
    let slug = article.slug;
    if (input.decision === "ANONYMIZE" && input.anonymizedName) {
      const name = input.anonymizedName;
      const body = renderBodyFromJson(anonymizeDoc(JSON.parse(article.bodyJson), name, replacement));
      const headline = anonymizeText(article.headline, name, replacement);
      if (slugNamesPerson(article.slug, name)) slug = await nextArticleSlug(tx, headline, articleId);
      const updated = await tx.article.update({
        where: { id: articleId },
        data: {
          headline,
          slug,
          dek: anonymizeText(article.dek, name, replacement),
          bodyJson: JSON.stringify(body.json),
          bodyHtml: body.html,
          bodyText: body.text,
          wordCount: body.wordCount,
          version: { increment: 1 },
        },
      });
      await tx.revision.create({
        data: { articleId, authorId: actor.userId, version: updated.version, headline: updated.headline, dek: updated.dek, bodyJson: updated.bodyJson, bodyText: updated.bodyText, event: "anonymize" },
      });
      // Comments and corrections quote the story too.
      for (const c of await tx.comment.findMany({ where: { articleId }, select: { id: true, body: true, quote: true } })) {
        await tx.comment.update({ where: { id: c.id }, data: { body: anonymizeText(c.body, name, replacement), quote: c.quote ? anonymizeText(c.quote, name, replacement) : null } });
      }
      for (const c of await tx.correction.findMany({ where: { articleId }, select: { id: true, body: true } })) {
        await tx.correction.update({ where: { id: c.id }, data: { body: anonymizeText(c.body, name, replacement) } });
      }
    }
    if (input.decision === "NOINDEX") await tx.article.update({ where: { id: articleId }, data: { noindex: true } });
    await syncSearchIndex(tx, articleId);
    await tx.takedownRequest.update({
      where: { id: requestId },
      data: {
        decision: input.decision,
        decisionReason: input.decisionReason,
        anonymizedName: input.decision === "ANONYMIZE" ? input.anonymizedName : null,
        replacement: input.decision === "ANONYMIZE" ? replacement : null,
        decidedById: actor.userId,
        decidedAt: new Date(),
      },
    });
    await tx.auditLog.create({
      data: {
        actorId: actor.userId,
        action: `takedown.${input.decision.toLowerCase()}`,
        subject: articleId,
        details: JSON.stringify({ requestId, reason: input.decisionReason, name: input.anonymizedName ?? null, ...(slug !== article.slug ? { slug: { from: article.slug, to: slug } } : {}) }),
      },
    });
    return { slug };
  });
}
