import type { Metadata } from "next";
import Link from "next/link";
import type { StoryRow } from "@/components/newsroom/story-table";
import { StoryTable } from "@/components/newsroom/story-table";
import { MyAssignmentsTable, toAssignmentRows } from "@/components/newsroom/planning-tables";
import { listMyAssignments } from "@/lib/data/planning";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { listReviewQueue, listStoryRowsForActor, type NewsroomStoryRow } from "@/lib/data/articles";
import { listOpenRequiredByArticle } from "@/lib/data/comments";
import { getPublication } from "@/lib/data/publication";
import { listSections } from "@/lib/data/sections";
import { formatDateTime } from "@/lib/domain/time";
import { ARTICLE_STATUSES, hasChangesRequested, STATUS_LABELS } from "@/lib/domain/workflow";
import { ZArticleFilter } from "@/lib/validation/article";

export const metadata: Metadata = { title: "Stories | Masthead newsroom" };

type Props = { searchParams: Promise<{ status?: string; section?: string; cursor?: string }> };

export default async function NewsroomPage({ searchParams }: Props) {
  const user = await requireUserPage();
  const raw = await searchParams;
  // An unknown filter value is ignored rather than an error: the dashboard always renders.
  const parsed = ZArticleFilter.safeParse({ status: raw.status || undefined, section: raw.section || undefined });
  const filter = parsed.success ? parsed.data : {};
  const reviewQueue = can(user, "view_review_queue");
  const allStories = can(user, "view_all_stories");
  // "All stories" pages with ?cursor= (a stale or mangled cursor starts again at the newest).
  const cursor = typeof raw.cursor === "string" && raw.cursor ? raw.cursor : undefined;
  const listAll = () => listStoryRowsForActor({ actor: user, filter, cursor }).catch(() => listStoryRowsForActor({ actor: user, filter }));
  const [{ rows: mine }, queue, all, sections, publication, openRequired, assignments] = await Promise.all([
    listStoryRowsForActor({ actor: user, filter, mine: true, limit: 200 }),
    reviewQueue ? listReviewQueue({ actor: user, filter }) : Promise.resolve([]),
    allStories ? listAll() : Promise.resolve({ rows: [], nextCursor: null }),
    listSections(),
    getPublication(),
    listOpenRequiredByArticle({ actor: user }),
    listMyAssignments({ actor: user }),
  ]);
  const toRows = (articles: NewsroomStoryRow[]): StoryRow[] =>
    articles.map((a) => ({
      id: a.id,
      headline: a.headline,
      status: a.status,
      section: a.section,
      authors: a.authors.join(", "),
      wordCount: a.wordCount,
      updatedLabel: formatDateTime(a.updatedAt, publication.timeZone),
    }));
  const nextPage = all.nextCursor ? `/newsroom?${new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), ...(filter.section ? { section: filter.section } : {}), cursor: all.nextCursor })}` : null;
  const changesRequested = mine.filter((a) => hasChangesRequested(a.status) || openRequired.has(a.id));
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">Stories</h1>
        <Link href="/newsroom/articles/new" className={buttonClass}>
          New story
        </Link>
      </div>
      {changesRequested.length > 0 && (
        <div className="mt-6 rounded border-2 border-danger p-4" role="note">
          <p className="font-semibold">Changes requested on {changesRequested.length === 1 ? "one of your stories" : `${changesRequested.length} of your stories`}:</p>
          <ul className="mt-2 list-disc pl-6">
            {changesRequested.map((a) => (
              <li key={a.id}>
                <Link href={`/newsroom/articles/${a.id}`}>{a.headline}</Link>
                {openRequired.get(a.id) ? (
                  <span className="font-semibold text-danger">
                    {" "}
                    — {openRequired.get(a.id)} open required {openRequired.get(a.id) === 1 ? "change" : "changes"}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" className="mt-6 flex flex-wrap items-end gap-4" aria-label="Filter stories">
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-status" className="text-sm font-semibold">
            Status
          </label>
          <select id="filter-status" name="status" defaultValue={filter.status ?? ""} className={inputClass}>
            <option value="">Any status</option>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="filter-section" className="text-sm font-semibold">
            Section
          </label>
          <select id="filter-section" name="section" defaultValue={filter.section ?? ""} className={inputClass}>
            <option value="">Any section</option>
            {sections.map((s) => (
              <option key={s.id} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Filter
        </button>
      </form>
      <MyAssignmentsTable rows={toAssignmentRows(assignments, publication.timeZone)} />
      <StoryTable caption="My stories" rows={toRows(mine)} empty="No stories of yours match. Start one with “New story”." />
      {reviewQueue && <StoryTable caption="Review queue: waiting for a decision" rows={toRows(queue)} empty="Nothing is waiting for a decision." />}
      {allStories && <StoryTable caption="All stories" rows={toRows(all.rows)} empty="No stories match these filters." />}
      {allStories && (cursor || nextPage) && (
        <nav aria-label="All stories pages" className="mt-4 flex gap-4 text-sm">
          {cursor && <Link href={`/newsroom?${new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), ...(filter.section ? { section: filter.section } : {}) })}`}>← Newest stories</Link>}
          {nextPage && <Link href={nextPage}>Older stories →</Link>}
        </nav>
      )}
    </div>
  );
}
