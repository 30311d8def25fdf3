import "server-only";
import { db } from "@/lib/data/db";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily email digest: for each user who chose some kinds, one email listing the unread,
 * not-yet-emailed notifications of those kinds, at most once a day (`force` ignores the day).
 * Returns how many emails went out. Notifications are marked emailed only after the send.
 */
export async function sendDigests({ now = new Date(), force = false, send }: { now?: Date; force?: boolean; send: (mail: { to: string; subject: string; text: string }) => Promise<void> }) {
  const users = await db.user.findMany({ where: { active: true, NOT: { digestKinds: "[]" } }, select: { id: true, email: true, digestKinds: true, lastDigestAt: true } });
  const pub = await db.publication.findUnique({ where: { id: 1 }, select: { name: true } });
  let sent = 0;
  for (const user of users) {
    if (!force && user.lastDigestAt && now.getTime() - user.lastDigestAt.getTime() < DAY_MS) continue;
    let kinds: string[] = [];
    try {
      kinds = JSON.parse(user.digestKinds) as string[];
    } catch {
      continue;
    }
    const items = await db.notification.findMany({ where: { userId: user.id, readAt: null, emailedAt: null, kind: { in: kinds } }, orderBy: { createdAt: "asc" }, take: 100 });
    if (items.length === 0) continue;
    const base = (process.env.MASTHEAD_PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? "").replace(/\/+$/, "");
    const text = [
      `Your ${pub?.name ?? "Masthead"} newsroom digest:`,
      "",
      ...items.map((n) => `- ${n.title}${n.link ? ` (${base}${n.link})` : ""}`),
      "",
      "Change what arrives by email on your notifications page in the newsroom.",
    ].join("\n");
    await send({ to: user.email, subject: `${pub?.name ?? "Masthead"}: ${items.length} update${items.length === 1 ? "" : "s"} from the newsroom`, text });
    await db.$transaction([
      db.notification.updateMany({ where: { id: { in: items.map((n) => n.id) } }, data: { emailedAt: now } }),
      db.user.update({ where: { id: user.id }, data: { lastDigestAt: now } }),
    ]);
    sent++;
  }
  return sent;
}
