import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StoryCard } from "@/components/public/story-card";
import { listPublishedArticles } from "@/lib/data/articles";
import { findAuthorBySlug } from "@/lib/data/people";
import { getPublication } from "@/lib/data/publication";
import { toStoryCards } from "@/lib/data/public";
import { absoluteUrl, slugParam } from "@/lib/site";

export const revalidate = 60;
type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = slugParam((await params).slug);
  const [author, publication] = await Promise.all([findAuthorBySlug({ slug }), getPublication()]);
  if (!author) return { title: publication.name };
  return { title: `${author.name} | ${publication.name}`, description: author.bio || undefined, alternates: { canonical: absoluteUrl(`/authors/${author.slug}`) } };
}

/** An author page: the public name (display rules applied), grade or title, bio, and stories. */
export default async function AuthorPage({ params }: Props) {
  const slug = slugParam((await params).slug);
  const author = await findAuthorBySlug({ slug });
  if (!author) notFound();
  const { articles } = await listPublishedArticles({ authorPersonId: author.id, limit: 50 });
  const cards = await toStoryCards(articles);
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
    </div>
  );
}
