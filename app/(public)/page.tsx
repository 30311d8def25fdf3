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

export default async function FrontPage() {
  const { top, rails } = await findFrontPage();
  const [lead, ...features] = await toStoryCards(top);
  if (!lead) {
    return <p className="text-center text-muted">No stories have been published yet.</p>;
  }
  return (
    <div>
      <h1 className="sr-only">Front page</h1>
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <StoryCard story={lead} lead />
        <div className="flex flex-col gap-4">
          {features.map((story) => (
            <StoryCard key={story.slug} story={story} />
          ))}
        </div>
      </div>
      {await Promise.all(
        rails.map(async (rail) => (
          <section key={rail.section.id} aria-labelledby={`rail-${rail.section.slug}`} className="mt-10">
            <h2 id={`rail-${rail.section.slug}`} className="border-b-2 border-ink pb-1 font-serif text-2xl font-bold">
              <Link href={`/sections/${rail.section.slug}`} className="no-underline hover:underline">
                {rail.section.name}
              </Link>
            </h2>
            <div className="mt-4 grid gap-6 md:grid-cols-2 lg:grid-cols-4">
              {(await toStoryCards(rail.articles)).map((story) => (
                <StoryCard key={story.slug} story={story} headingLevel={3} />
              ))}
            </div>
          </section>
        )),
      )}
    </div>
  );
}
