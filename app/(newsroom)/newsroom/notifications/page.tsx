import type { Metadata } from "next";
import Link from "next/link";
import { DigestForm, MarkReadButton } from "@/components/newsroom/notification-forms";
import { digestPreferencesAction, markReadAction } from "@/lib/actions/notifications";
import { requireUserPage } from "@/lib/auth/session";
import { getDigestKinds, listNotifications, NOTIFICATION_KINDS } from "@/lib/data/notifications";
import { getPublication } from "@/lib/data/publication";
import { formatDateTime } from "@/lib/domain/time";

export const metadata: Metadata = { title: "Notifications | Masthead newsroom" };

export default async function NotificationsPage() {
  const user = await requireUserPage();
  const [{ items, unread }, digest, publication] = await Promise.all([listNotifications({ userId: user.userId, limit: 100 }), getDigestKinds({ userId: user.userId }), getPublication()]);
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">Notifications</h1>
        {/* Always there while there are items, so its answer stays on screen after the list refreshes. */}
        {items.length > 0 && <MarkReadButton action={markReadAction} label="Mark all read" disabled={unread === 0} />}
      </div>
      {items.length === 0 ? (
        <p className="text-muted">Nothing yet. You will hear here when you are assigned a story, when a story you review is submitted, and when your stories get a decision.</p>
      ) : (
        <ol className="flex flex-col gap-2" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} data-testid="notification" className={`flex flex-wrap items-center justify-between gap-3 rounded border p-3 ${n.readAt ? "border-rule" : "border-accent"}`}>
              <div>
                <p className={n.readAt ? "" : "font-semibold"}>{n.link ? <Link href={n.link}>{n.title}</Link> : n.title}</p>
                {n.excerpt && <blockquote className="mt-1 border-l-2 border-rule pl-2 text-sm italic">“{n.excerpt}”</blockquote>}
                <p className="text-sm text-muted">
                  {NOTIFICATION_KINDS[n.kind as keyof typeof NOTIFICATION_KINDS] ?? n.kind} · {formatDateTime(n.createdAt, publication.timeZone)}
                </p>
              </div>
              {!n.readAt && <MarkReadButton action={markReadAction} id={n.id} label="Mark read" />}
            </li>
          ))}
        </ol>
      )}
      <section aria-labelledby="digest-heading">
        <h2 id="digest-heading" className="text-xl font-bold">
          Email digest
        </h2>
        <div className="mt-3">
          <DigestForm action={digestPreferencesAction} kinds={Object.entries(NOTIFICATION_KINDS).map(([value, label]) => ({ value, label }))} selected={digest} />
        </div>
      </section>
    </div>
  );
}
