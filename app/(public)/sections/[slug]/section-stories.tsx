import { notFound } from "next/navigation";
import { StoryListing } from "@/components/public/story-listing";
import { findListingPage } from "@/lib/data/public";
import { findSection } from "@/lib/data/sections";

/** One page of a section's published stories, newest first; also rendered by page/[page]. */
export async function SectionStories({ slug, page }: { slug: string; page: number }) {
  const section = await findSection({ slug });
  if (!section) notFound();
  const listing = await findListingPage({ sectionId: section.id }, page);
  if (!listing) notFound();
  return (
    <StoryListing
      {...listing}
      basePath={`/sections/${encodeURIComponent(section.slug)}`}
      header={<h1 className="font-serif text-3xl font-bold">{section.name}</h1>}
      empty={<p className="mt-6 text-muted">No {section.name.toLowerCase()} stories have been published yet.</p>}
    />
  );
}
