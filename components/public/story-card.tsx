import Link from "next/link";

export type StoryCardData = {
  slug: string;
  headline: string;
  dek: string;
  section: { name: string; slug: string } | null;
  authors: { id: string; name: string }[];
  publishedLabel: string | null;
};

/** A story teaser; `lead` makes it the front page's big story. */
export function StoryCard({ story, lead = false, headingLevel = 2 }: { story: StoryCardData; lead?: boolean; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return (
    <article className={lead ? "border-b border-rule pb-6" : "border-t border-rule pt-4"}>
      {story.section && (
        <Link href={`/sections/${story.section.slug}`} className="text-xs font-bold uppercase tracking-wide text-accent no-underline hover:underline">
          {story.section.name}
        </Link>
      )}
      <Heading className={lead ? "mt-1 font-serif text-4xl font-bold leading-tight" : "mt-1 font-serif text-xl font-bold leading-snug"}>
        <Link href={`/articles/${story.slug}`} className="no-underline hover:underline">
          {story.headline}
        </Link>
      </Heading>
      {story.dek && <p className={lead ? "mt-2 text-lg text-muted" : "mt-1 text-muted"}>{story.dek}</p>}
      <p className="mt-2 text-sm text-muted">
        {story.authors.map((a) => a.name).join(", ")}
        {story.publishedLabel && <> · {story.publishedLabel}</>}
      </p>
    </article>
  );
}
