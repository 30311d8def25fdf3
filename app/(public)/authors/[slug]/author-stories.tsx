import Link from "next/link";
import { notFound } from "next/navigation";
import { StoryCard } from "@/components/public/story-card";
import { findAuthorBySlug } from "@/lib/data/people";
import { listPublishedCards, toStoryCards } from "@/lib/data/public";

const PAGE_SIZE = 12;

/** An author page: the public name (display rules applied), grade or title, bio, and one page of stories. Also rendered by page/[page]. */
export async function AuthorStories({ slug, page }: { slug: string; page: number }) {
  const author = await findAuthorBySlug({ slug });
  if (!author) notFound();
  const { articles, total } = await listPublishedCards({ authorPersonId: author.id, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pages) notFound();
  const cards = await toStoryCards(articles);
  const href = (n: number) => (n === 1 ? `/authors/${author.slug}` : `/authors/${author.slug}/page/${n}`);
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">{author.name}</h1>
      {author.detail && <p className="text-muted">{author.detail}</p>}
      {author.bio && <p className="mt-3 max-w-2xl">{author.bio}</p>}
      <h2 className="mt-8 border-b-2 border-ink pb-1 font-serif text-2xl font-bold">Stories</h2>
      {cards.length === 0 && <p className="mt-4 text-muted">No published stories yet.</p>}
      <div className="mt-4 grid gap-6 md:grid-cols-2">
        {cards.map((story) => (
          <StoryCard key={story.slug} story={story} headingLevel={3} />
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
