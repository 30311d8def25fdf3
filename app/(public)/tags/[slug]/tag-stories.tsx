import { notFound } from "next/navigation";
import { StoryListing } from "@/components/public/story-listing";
import { findListingPage } from "@/lib/data/public";
import { findTag } from "@/lib/data/sections";

/** One page of a tag's published stories, newest first; also rendered by page/[page]. A tag with no published story is 404. */
export async function TagStories({ slug, page }: { slug: string; page: number }) {
  const tag = await findTag({ slug });
  if (!tag) notFound();
  const listing = await findListingPage({ tagId: tag.id }, page);
  if (!listing || listing.total === 0) notFound();
  return (
    <StoryListing
      {...listing}
      basePath={`/tags/${encodeURIComponent(tag.slug)}`}
      header={
        <>
          <p className="text-sm font-bold uppercase tracking-wide text-accent">Tag</p>
          <h1 className="font-serif text-3xl font-bold">{tag.name}</h1>
        </>
      }
    />
  );
}
