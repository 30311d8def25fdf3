import Link from "next/link";
import { notFound } from "next/navigation";
import { StoryCard } from "@/components/public/story-card";
import { listPublishedCards, toStoryCards } from "@/lib/data/public";
import { findTag } from "@/lib/data/sections";

const PAGE_SIZE = 12;

/** One page of a tag's published stories, newest first; also rendered by page/[page]. A tag with no published story is 404. */
export async function TagStories({ slug, page }: { slug: string; page: number }) {
  const tag = await findTag({ slug });
  if (!tag) notFound();
  const { articles, total } = await listPublishedCards({ tagId: tag.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  if (total === 0) notFound();
  const pages = Math.ceil(total / PAGE_SIZE);
  if (page > pages) notFound();
  const cards = await toStoryCards(articles);
  const href = (n: number) => (n === 1 ? `/tags/${tag.slug}` : `/tags/${tag.slug}/page/${n}`);
  return (
    <div>
      <p className="text-sm font-bold uppercase tracking-wide text-accent">Tag</p>
      <h1 className="font-serif text-3xl font-bold">{tag.name}</h1>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        {cards.map((story) => (
          <StoryCard key={story.slug} story={story} />
        ))}
      </div>
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
