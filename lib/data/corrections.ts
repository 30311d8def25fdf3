import "server-only";
import { STATUS } from "@/lib/domain/workflow";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

export type CorrectionDto = { id: string; kind: "CORRECTION" | "EDITORS_NOTE"; body: string; position: string; createdAt: string };

/** A story's corrections, oldest first: plain SQL, since every story page asks (exported for the query-plan test). */
export function correctionsSql(articleId: string): Prisma.Sql {
  return Prisma.sql`SELECT "id", "kind", "body", "position", "createdAt" FROM "Correction" WHERE "articleId" = ${articleId} ORDER BY "createdAt" ASC, "id" ASC`;
}

export async function listCorrections({ articleId }: { articleId: string }): Promise<CorrectionDto[]> {
  const rows = await db.$queryRaw<(Omit<CorrectionDto, "createdAt"> & { createdAt: Date | string | number })[]>(correctionsSql(articleId));
  return rows.map((r) => ({ id: r.id, kind: r.kind, body: r.body, position: r.position, createdAt: new Date(r.createdAt).toISOString() }));
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
