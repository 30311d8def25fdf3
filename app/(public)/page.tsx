import type { Metadata } from "next";
import { StoryCard } from "@/components/public/story-card";
import { listPublishedArticles } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { toStoryCards } from "@/lib/data/public";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const publication = await getPublication();
  return { title: publication.name, description: publication.tagline || undefined };
}

export default async function FrontPage() {
  const { articles } = await listPublishedArticles({ limit: 13 });
  const cards = await toStoryCards(articles);
  const [lead, ...rest] = cards;
  if (!lead) {
    return <p className="text-center text-muted">No stories have been published yet.</p>;
  }
  return (
    <div>
      <h1 className="sr-only">Front page</h1>
      <StoryCard story={lead} lead />
      <div className="mt-6 grid gap-6 md:grid-cols-3">
        {rest.map((story) => (
          <StoryCard key={story.slug} story={story} />
        ))}
      </div>
    </div>
  );
}
