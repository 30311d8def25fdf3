import "server-only";
import { mayPublish, ROLE_PERMISSIONS, ROLES, type ReviewPolicy } from "@/lib/auth/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

type Tx = Prisma.TransactionClient | typeof db;

/** What a notification is about; users pick which kinds also arrive in the daily email digest. */
export const NOTIFICATION_KINDS = {
  assigned: "You were assigned a story",
  decision: "A decision on your story",
  required_change: "A required change on your story",
  submitted: "A story you review was submitted",
  deadline: "A deadline is tomorrow",
  publish_request: "Changes to a live story wait for you to publish them",
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** Tell these users something (never the actor themselves). Safe inside a transaction. */
export async function notify(
  tx: Tx,
  { userIds, kind, title, link, exceptUserId, excerpt = "" }: { userIds: string[]; kind: NotificationKind; title: string; link: string; exceptUserId?: string; excerpt?: string },
) {
  const recipients = [...new Set(userIds)].filter((id) => id !== exceptUserId);
  if (recipients.length === 0) return;
  await tx.notification.createMany({ data: recipients.map((userId) => ({ userId, kind, title: title.slice(0, 300), link, excerpt: excerpt.slice(0, 300) })) });
}

/** Accounts of the people on a story's byline plus its creator and assignees. */
export async function storyPeople(tx: Tx, articleId: string): Promise<string[]> {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: { createdById: true, authors: { select: { person: { select: { user: { select: { id: true, active: true } } } } } }, assignees: { select: { userId: true } } },
  });
  if (!article) return [];
  return [article.createdById, ...article.authors.flatMap((a) => (a.person.user?.active ? [a.person.user.id] : [])), ...article.assignees.map((a) => a.userId)];
}

/** Active accounts whose role reviews submissions (the review queue's readers, in the policy). */
export async function reviewerIds(tx: Tx): Promise<string[]> {
  const rows = await tx.user.findMany({ where: { active: true, role: { in: [...ROLE_PERMISSIONS.view_review_queue] } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Active accounts that may publish under this review policy (lib/auth/policy.ts mayPublish). */
export async function publisherIds(tx: Tx, reviewPolicy: ReviewPolicy): Promise<string[]> {
  const roles = ROLES.filter((role) => mayPublish({ userId: "", personId: "", role, reviewPolicy }));
  const rows = await tx.user.findMany({ where: { active: true, role: { in: roles } }, select: { id: true } });
  return rows.map((r) => r.id);
}

export async function listNotifications({ userId, limit = 30 }: { userId: string; limit?: number }) {
  const [items, unread] = await Promise.all([
    db.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: limit, select: { id: true, kind: true, title: true, excerpt: true, link: true, readAt: true, createdAt: true } }),
    db.notification.count({ where: { userId, readAt: null } }),
  ]);
  return { items, unread };
}

/** Unread notifications, all of them or those pointing at `link` (a story's page). */
export async function countUnread({ userId, link }: { userId: string; link?: string }) {
  return db.notification.count({ where: { userId, readAt: null, ...(link ? { link } : {}) } });
}

export async function getDigestKinds({ userId }: { userId: string }): Promise<NotificationKind[]> {
  const row = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { digestKinds: true } });
  try {
    const kinds = JSON.parse(row.digestKinds) as string[];
    return kinds.filter((k): k is NotificationKind => k in NOTIFICATION_KINDS);
  } catch {
    return [];
  }
}


