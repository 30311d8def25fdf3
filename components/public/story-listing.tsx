import Link from "next/link";
import type { ReactNode } from "react";
import { type StoryCardData, StoryCard } from "./story-card";

type Props = {
  /** The listing's own heading and intro (a section's name, a tag, an author's bio). */
  header: ReactNode;
  cards: StoryCardData[];
  page: number;
  pages: number;
  /** Page 1's path, e.g. `/sections/news`; later pages are `<basePath>/page/<n>`. */
  basePath: string;
  headingLevel?: 2 | 3;
  /** Shown instead of the cards when the listing has none. */
  empty?: ReactNode;
};

/**
 * One page of a section, tag or author listing: the header, two columns of cards, and newer /
 * older links (paths, not ?page=, so every page can be cached).
 */
export function StoryListing({ header, cards, page, pages, basePath, headingLevel = 2, empty }: Props) {
  const href = (n: number) => (n === 1 ? basePath : `${basePath}/page/${n}`);
  return (
    <div>
      {header}
      {cards.length === 0 ? (
        empty
      ) : (
        <div className="mt-6 grid gap-6 md:grid-cols-2">
          {cards.map((story) => (
            <StoryCard key={story.slug} story={story} headingLevel={headingLevel} />
          ))}
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-8 flex gap-4">
          {page > 1 && <Link href={href(page - 1)}>← Newer stories</Link>}
          <span className="text-muted">
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={href(page + 1)}>Older stories →</Link>}
        </nav>
      )}
    </div>
  );
}
