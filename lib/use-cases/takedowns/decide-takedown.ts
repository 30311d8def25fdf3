import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor, nextArticleSlug } from "@/lib/data/articles";
import { syncSearchIndex } from "@/lib/data/search";
import { anonymizeDoc, anonymizeText, slugNamesPerson } from "@/lib/domain/anonymize";
import { isPublic } from "@/lib/domain/workflow";
import { renderBodyFromJson } from "@/lib/editor/render";
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
    let slug = article.slug;
    if (input.decision === "ANONYMIZE" && input.anonymizedName) {
      slug = await anonymizeStory(tx, { article, name: input.anonymizedName, replacement, authorId: actor.userId, now });
    }
    if (input.decision === "NOINDEX") await tx.article.update({ where: { id: articleId }, data: { noindex: true } });
    await syncSearchIndex(tx, articleId);
    // The request is decided once: a second decision racing this one finds it taken.
    const decided = await tx.takedownRequest.updateMany({
      where: { id: requestId, decision: null },
      data: {
        decision: input.decision,
        decisionReason: input.decisionReason,
        anonymizedName: input.decision === "ANONYMIZE" ? input.anonymizedName : null,
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
          details: { requestId, reason: input.decisionReason, name: input.anonymizedName ?? null, ...(slug !== article.slug ? { slug: { from: article.slug, to: slug } } : {}) },
          at: now,
        },
      ],
    });
  });
}

/** Replace the name in the story, its comments and its corrections; returns the slug after. */
async function anonymizeStory(
  tx: Tx,
  { article, name, replacement, authorId, now }: { article: Awaited<ReturnType<typeof findArticleForActor>>; name: string; replacement: string; authorId: string; now: Date },
): Promise<string> {
  const body = renderBodyFromJson(anonymizeDoc(JSON.parse(article.bodyJson), name, replacement));
  const headline = anonymizeText(article.headline, name, replacement);
  const slug = slugNamesPerson(article.slug, name) ? await nextArticleSlug(tx, headline, article.id) : article.slug;
  const swapped = await tx.article.updateMany({
    where: { id: article.id, version: article.version },
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
  if (swapped.count === 0) throw new AppError("CONFLICT", "Someone saved the story meanwhile. Reload and decide again.");
  const updated = await tx.article.findUniqueOrThrow({ where: { id: article.id }, select: { version: true, headline: true, dek: true, bodyJson: true, bodyText: true } });
  await tx.revision.create({ data: { articleId: article.id, authorId, ...updated, event: "anonymize", createdAt: now } });
  // Comments and corrections quote the story too.
  for (const c of await tx.comment.findMany({ where: { articleId: article.id }, select: { id: true, body: true, quote: true } })) {
    await tx.comment.update({ where: { id: c.id }, data: { body: anonymizeText(c.body, name, replacement), quote: c.quote ? anonymizeText(c.quote, name, replacement) : null } });
  }
  for (const c of await tx.correction.findMany({ where: { articleId: article.id }, select: { id: true, body: true } })) {
    await tx.correction.update({ where: { id: c.id }, data: { body: anonymizeText(c.body, name, replacement) } });
  }
  return slug;
}
