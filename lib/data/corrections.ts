import "server-only";
import { STATUS } from "@/lib/domain/workflow";
import { db } from "./db";

export type CorrectionDto = { id: string; kind: "CORRECTION" | "EDITORS_NOTE"; body: string; position: string; createdAt: string };

export async function listCorrections({ articleId }: { articleId: string }): Promise<CorrectionDto[]> {
  const rows = await db.correction.findMany({ where: { articleId }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, body: true, position: true, createdAt: true } });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Corrections on published stories, newest first, for the public /corrections page. */
export async function listPublicCorrections({ limit = 100 }: { limit?: number } = {}) {
  const rows = await db.correction.findMany({
    where: { article: { status: STATUS.PUBLISHED } },
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
