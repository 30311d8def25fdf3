import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StoryCard } from "@/components/public/story-card";
import { listPublishedArticles } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { toStoryCards } from "@/lib/data/public";
import { findTag } from "@/lib/data/sections";
import { absoluteUrl, slugParam } from "@/lib/site";

export const revalidate = 60;
type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = slugParam((await params).slug);
  const [tag, publication] = await Promise.all([findTag({ slug }), getPublication()]);
  return { title: tag ? `${tag.name} | ${publication.name}` : publication.name, alternates: tag ? { canonical: absoluteUrl(`/tags/${tag.slug}`) } : undefined };
}

export default async function TagPage({ params }: Props) {
  const slug = slugParam((await params).slug);
  const tag = await findTag({ slug });
  if (!tag) notFound();
  const { articles } = await listPublishedArticles({ tagSlug: slug, limit: 50 });
  if (articles.length === 0) notFound();
  const cards = await toStoryCards(articles);
  return (
    <div>
      <p className="text-sm font-bold uppercase tracking-wide text-accent">Tag</p>
      <h1 className="font-serif text-3xl font-bold">{tag.name}</h1>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        {cards.map((story) => (
          <StoryCard key={story.slug} story={story} />
        ))}
      </div>
    </div>
  );
}
