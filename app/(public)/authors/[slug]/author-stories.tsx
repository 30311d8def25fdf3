import { notFound } from "next/navigation";
import { StoryListing } from "@/components/public/story-listing";
import { findAuthorBySlug } from "@/lib/data/people";
import { findListingPage } from "@/lib/data/public";

/** An author page: the public name (display rules applied), grade or title, bio, and one page of stories. Also rendered by page/[page]. */
export async function AuthorStories({ slug, page }: { slug: string; page: number }) {
  const author = await findAuthorBySlug({ slug });
  if (!author) notFound();
  const listing = await findListingPage({ authorPersonId: author.id }, page);
  if (!listing) notFound();
  return (
    <StoryListing
      {...listing}
      basePath={`/authors/${encodeURIComponent(author.slug)}`}
      headingLevel={3}
      header={
        <>
          <h1 className="font-serif text-3xl font-bold">{author.name}</h1>
          {author.detail && <p className="text-muted">{author.detail}</p>}
          {author.bio && <p className="mt-3 max-w-2xl">{author.bio}</p>}
          <h2 className="mt-8 border-b-2 border-ink pb-1 font-serif text-2xl font-bold">Stories</h2>
        </>
      }
      empty={<p className="mt-4 text-muted">No published stories yet.</p>}
    />
  );
}
