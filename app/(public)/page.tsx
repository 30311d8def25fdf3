import type { Metadata } from "next";
import Link from "next/link";
import { StoryCard } from "@/components/public/story-card";
import { findFrontPage } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { toStoryCards } from "@/lib/data/public";
import { absoluteUrl } from "@/lib/site";

// Served from Next's cache. Every change to anything public revalidates the reader site at once
// (lib/actions/revalidate.ts; the scheduler through /api/internal/revalidate), so the minute
// is only a backstop. Shared caches in front are told 3 s (scripts/serve.ts). Every reader
// page and feed uses the same 60.
export const revalidate = 60;

export async function generateMetadata(): Promise<Metadata> {
  const publication = await getPublication();
  return {
    title: publication.name,
    description: publication.tagline || undefined,
    alternates: { canonical: absoluteUrl("/"), types: { "application/rss+xml": absoluteUrl("/feed.xml") } },
    openGraph: { type: "website", siteName: publication.name, title: publication.name, url: absoluteUrl("/") },
  };
}

/**
 * Laid out like a newspaper: the lead (its photo the page's first and only eager image), the
 * next stories as a features row, then a rail of pictures for every section.
 */
export default async function FrontPage() {
  const { top, rails } = await findFrontPage();
  const [[lead, ...features], railCards] = await Promise.all([toStoryCards(top), Promise.all(rails.map((rail) => toStoryCards(rail.articles)))]);
  if (!lead) {
    return <p className="text-center text-muted">No stories have been published yet.</p>;
  }
  return (
    <div>
      <h1 className="sr-only">Front page</h1>
      <StoryCard story={lead} variant="lead" priority />
      {features.length > 0 && (
        <section aria-labelledby="features-heading" className="mt-8">
          <h2 id="features-heading" className="sr-only">
            Top stories
          </h2>
          <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {features.map((story) => (
              <StoryCard key={story.slug} story={story} headingLevel={3} sizes="(min-width: 64rem) 15rem, (min-width: 40rem) 50vw, 100vw" />
            ))}
          </div>
        </section>
      )}
      {rails.map((rail, i) => (
        <section key={rail.section.id} aria-labelledby={`rail-${rail.section.slug}`} className="mt-10">
          <h2 id={`rail-${rail.section.slug}`} className="border-b-2 border-ink pb-1 font-serif text-2xl font-bold">
            <Link href={`/sections/${encodeURIComponent(rail.section.slug)}`} className="no-underline hover:underline">
              {rail.section.name}
            </Link>
          </h2>
          <div className="mt-4 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {railCards[i].map((story) => (
              <StoryCard key={story.slug} story={story} headingLevel={3} sizes="(min-width: 64rem) 15rem, (min-width: 40rem) 50vw, 100vw" />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
