import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

/**
 * The audit log is append-only: this module reads it, and nothing in the app updates or deletes
 * rows (writers add entries inside the same transaction as the change they record).
 */
export type AuditFilter = { action?: string; actorId?: string; from?: Date; to?: Date; page?: number };
export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEntries({ action, actorId, from, to, page = 1 }: AuditFilter) {
  const where: Prisma.AuditLogWhereInput = {
    ...(action ? { action: { startsWith: action } } : {}),
    ...(actorId ? { actorId } : {}),
    ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: AUDIT_PAGE_SIZE,
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      select: { id: true, action: true, subject: true, details: true, createdAt: true, actor: { select: { email: true, person: { select: { fullName: true } } } } },
    }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total };
}

export async function listAuditActions(): Promise<string[]> {
  const rows = await db.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
