import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

/**
 * The audit log is append-only: this module reads it, and nothing in the app updates or deletes
 * rows (writers add entries inside the same transaction as the change they record).
 */
type Tx = Prisma.TransactionClient;

/** Every kind of entry the audit log holds: one union, so a new write names its kind here. */
export const AUDIT_KINDS = [
  "setup.complete",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sso_refused",
  "auth.second_factor_failed",
  "account.two_factor_enrol",
  "account.two_factor_recovery_used",
  "account.two_factor_reset",
  "account.two_factor_disable",
  "account.two_factor_recovery_regenerate",
  "account.two_factor_secret_sealed",
  "account.session_end",
  "account.sso_only",
  "account.create",
  "account.role_change",
  "account.deactivate",
  "account.reactivate",
  "account.password_reset",
  "account.password_change",
  "account.password_reset_requested",
  "account.password_reset_by_email",
  "account.sign_out_everywhere",
  "person.profile_update",
  "person.pen_name_approve",
  "person.pen_name_revoke",
  "settings.update",
  "token.create",
  "token.revoke",
  "article.submit",
  "article.withdraw",
  "article.request_changes",
  "article.approve",
  "article.publish",
  "article.unpublish",
  "article.republish",
  "article.scheduled_publish",
  "article.publish_changes",
  "article.discard_changes",
  "article.request_publish_changes",
  "article.pin",
  "article.issue",
  "article.assign",
  "article.correction",
  "suggestion.accept",
  "suggestion.reject",
  "pitch.accept",
  "pitch.reject",
  "takedown.request",
  "takedown.keep",
  "takedown.anonymize",
  "takedown.noindex",
  "takedown.unpublish",
  "masthead.add",
  "masthead.update",
  "masthead.move",
  "masthead.remove",
  "masthead.copy_staff",
  "volume.create",
  "issue.create",
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** One audit entry. `actorId` null is the system (the scheduler) or an anonymous caller. */
export type AuditEvent = {
  kind: AuditKind;
  actorId: string | null;
  subject: string;
  details?: Record<string, unknown>;
  at?: Date;
};

/** Append an entry, inside the transaction of the change it records. */
export async function recordAudit(tx: Tx | typeof db, event: AuditEvent): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: event.actorId,
      action: event.kind,
      subject: event.subject,
      details: JSON.stringify(event.details ?? {}),
      ...(event.at ? { createdAt: event.at } : {}),
    },
  });
}

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

/**
 * The one change an audit entry may ever get: an anonymizing takedown rewrites the name out of
 * the details of the entries about its story (the entries stay, with their action, actor and
 * time). Nothing else updates or deletes an entry (lib/data/audit.test.ts checks).
 */
export async function redactAuditDetails(tx: Tx, { articleId, redact }: { articleId: string; redact: (details: unknown) => unknown }): Promise<void> {
  const entries = await tx.auditLog.findMany({ where: { OR: [{ subject: articleId }, { details: { contains: articleId } }] }, select: { id: true, details: true } });
  for (const entry of entries) {
    const details = JSON.stringify(redact(JSON.parse(entry.details)));
    if (details !== entry.details) await tx.auditLog.update({ where: { id: entry.id }, data: { details } });
  }
}
