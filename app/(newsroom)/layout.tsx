import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/newsroom/sign-out-button";
import { can, ROLE_LABELS } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { countUnread } from "@/lib/data/notifications";
import { getPublication } from "@/lib/data/publication";

export const dynamic = "force-dynamic";

/** Redirects anonymous visitors to /login. A comfort only: every page and action checks again. */
export default async function NewsroomLayout({ children }: { children: ReactNode }) {
  const [user, publication] = await Promise.all([requireUserPage(), getPublication()]);
  const unread = await countUnread({ userId: user.userId });
  return (
    <div className="min-h-screen">
      <header className="border-b border-rule bg-panel">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div className="flex flex-wrap items-center gap-6">
            <Link href="/newsroom" className="font-serif text-xl font-bold no-underline">
              {publication.name} <span className="text-sm font-normal text-muted">Newsroom</span>
            </Link>
            <nav aria-label="Newsroom">
              <ul className="flex flex-wrap gap-4 text-sm font-semibold">
                <li>
                  <Link href="/newsroom">Stories</Link>
                </li>
                <li>
                  <Link href="/newsroom/articles/new">New story</Link>
                </li>
                <li>
                  <Link href="/newsroom/media">Media</Link>
                </li>
                {/* Every staff member pitches (the page lists their own pitches, or all with view_all_pitches). */}
                <li>
                  <Link href="/newsroom/pitches">Pitches</Link>
                </li>
                {can(user, "view_budget") && (
                  <>
                    <li>
                      <Link href="/newsroom/budget">Budget</Link>
                    </li>
                    <li>
                      <Link href="/newsroom/calendar">Calendar</Link>
                    </li>
                  </>
                )}
                {can(user, "plan_issues") && (
                  <li>
                    <Link href="/newsroom/issues">Issues</Link>
                  </li>
                )}
                {can(user, "manage_staff") && (
                  <li>
                    <Link href="/newsroom/staff">Staff</Link>
                  </li>
                )}
                {can(user, "manage_settings") && (
                  <li>
                    <Link href="/newsroom/settings">Settings</Link>
                  </li>
                )}
                {can(user, "view_audit_log") && (
                  <li>
                    <Link href="/newsroom/audit">Audit log</Link>
                  </li>
                )}
                <li>
                  <Link href="/newsroom/account">Your account</Link>
                </li>
                <li>
                  <Link href="/">Reader site</Link>
                </li>
              </ul>
            </nav>
          </div>
          <p className="flex flex-wrap items-center gap-3 text-sm">
            <Link href="/newsroom/notifications" className="relative no-underline" data-testid="bell" aria-label={unread > 0 ? `Notifications: ${unread} unread` : "Notifications"}>
              <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" className="inline-block align-[-3px]" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
              </svg>
              {unread > 0 && (
                <span aria-hidden="true" className="ml-1 rounded-full bg-accent px-1.5 text-xs font-bold text-accent-ink">
                  {unread}
                </span>
              )}
            </Link>
            <span className="font-semibold" data-testid="current-user">
              {user.name}
            </span>{" "}
            <span className="text-muted">({ROLE_LABELS[user.role]})</span> · <SignOutButton />
          </p>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="newsroom-main mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
