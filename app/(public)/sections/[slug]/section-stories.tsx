import Link from "next/link";
import { notFound } from "next/navigation";
import { StoryCard } from "@/components/public/story-card";
import { listPublishedCards, toStoryCards } from "@/lib/data/public";
import { findSection } from "@/lib/data/sections";

const PAGE_SIZE = 12;

/** One page of a section's published stories, newest first; also rendered by page/[page]. */
export async function SectionStories({ slug, page }: { slug: string; page: number }) {
  const section = await findSection({ slug });
  if (!section) notFound();
  const { articles, total } = await listPublishedCards({ sectionId: section.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const cards = await toStoryCards(articles);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pages) notFound();
  const href = (n: number) => (n === 1 ? `/sections/${slug}` : `/sections/${slug}/page/${n}`);
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">{section.name}</h1>
      {cards.length === 0 ? (
        <p className="mt-6 text-muted">No {section.name.toLowerCase()} stories have been published yet.</p>
      ) : (
        <div className="mt-6 grid gap-6 md:grid-cols-2">
          {cards.map((story) => (
            <StoryCard key={story.slug} story={story} />
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
