import "server-only";
import { type Actor, can } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import type { TCorrection } from "@/lib/validation/corrections";
import { factsOf, findArticleForActor } from "./articles";
import { db } from "./db";

/**
 * Append a dated correction or editor's note. Corrections are never edited or removed, and each
 * marks a revision, so the history shows the story as it stood when it was corrected.
 */
export async function addCorrection({ actor, articleId, input }: { actor: Actor; articleId: string; input: TCorrection }) {
  const article = await findArticleForActor({ id: articleId, actor });
  if (!can(actor, "correct", factsOf(article))) throw new AppError("FORBIDDEN", "Only editors and advisers add corrections.");
  if (article.status !== "PUBLISHED" && article.status !== "UNPUBLISHED") {
    throw new AppError("INVALID_TRANSITION", "Corrections are for stories that have been published.");
  }
  return db.$transaction(async (tx) => {
    const correction = await tx.correction.create({ data: { articleId, createdById: actor.userId, ...input } });
    // Touch the story so caches and "updated" times move, and mark a revision.
    const updated = await tx.article.update({ where: { id: articleId }, data: { version: { increment: 1 } } });
    await tx.revision.create({
      data: { articleId, authorId: actor.userId, version: updated.version, headline: updated.headline, dek: updated.dek, bodyJson: updated.bodyJson, bodyText: updated.bodyText, event: "correction" },
    });
    await tx.auditLog.create({ data: { actorId: actor.userId, action: "article.correction", subject: articleId, details: JSON.stringify({ headline: article.headline, ...input }) } });
    return correction;
  });
}

export type CorrectionDto = { id: string; kind: "CORRECTION" | "EDITORS_NOTE"; body: string; position: string; createdAt: string };

export async function listCorrections({ articleId }: { articleId: string }): Promise<CorrectionDto[]> {
  const rows = await db.correction.findMany({ where: { articleId }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, body: true, position: true, createdAt: true } });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Corrections on published stories, newest first, for the public /corrections page. */
export async function listPublicCorrections({ limit = 100 }: { limit?: number } = {}) {
  const rows = await db.correction.findMany({
    where: { article: { status: "PUBLISHED" } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, kind: true, body: true, createdAt: true, article: { select: { slug: true, headline: true } } },
  });
  return rows;
}

/** Corrections for many stories at once (feeds). */
export async function correctionsByArticle({ articleIds }: { articleIds: string[] }) {
  const rows = await db.correction.findMany({ where: { articleId: { in: articleIds } }, orderBy: { createdAt: "asc" }, select: { articleId: true, kind: true, body: true, createdAt: true } });
  const map = new Map<string, { kind: "CORRECTION" | "EDITORS_NOTE"; body: string; createdAt: string }[]>();
  for (const r of rows) map.set(r.articleId, [...(map.get(r.articleId) ?? []), { kind: r.kind, body: r.body, createdAt: r.createdAt.toISOString() }]);
  return map;
}
