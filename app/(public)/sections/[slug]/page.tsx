import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StoryCard } from "@/components/public/story-card";
import { listPublishedArticles } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { toStoryCards } from "@/lib/data/public";
import { findSection } from "@/lib/data/sections";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 12;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug }, publication] = await Promise.all([params, getPublication()]);
  const section = await findSection({ slug });
  return { title: section ? `${section.name} | ${publication.name}` : publication.name };
}

export default async function SectionPage({ params, searchParams }: Props) {
  const [{ slug }, { page: rawPage }] = await Promise.all([params, searchParams]);
  const section = await findSection({ slug });
  if (!section) notFound();
  const page = Math.max(1, Math.min(10_000, Number.parseInt(rawPage ?? "1", 10) || 1));
  const { articles, total } = await listPublishedArticles({ sectionSlug: slug, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const cards = await toStoryCards(articles);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
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
          {page > 1 && <Link href={`/sections/${slug}?page=${page - 1}`}>← Newer stories</Link>}
          <span className="text-muted">
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={`/sections/${slug}?page=${page + 1}`}>Older stories →</Link>}
        </nav>
      )}
    </div>
  );
}
