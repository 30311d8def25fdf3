import Link from "next/link";

/** A card's photo: responsive sources from the media library's renditions (lib/data/public.ts). */
export type StoryCardImage = { src: string; srcSetWebp: string; srcSetAvif: string; width: number; height: number; alt: string };

export type StoryCardData = {
  slug: string;
  headline: string;
  dek: string;
  section: { name: string; slug: string } | null;
  authors: { id: string; name: string }[];
  publishedLabel: string | null;
  image: StoryCardImage | null;
};

/**
 * A photo that never moves the page: width and height from the rendition (the box is reserved
 * before a byte arrives), cropped to 3:2 so a row of cards lines up. Lazy unless `priority`
 * (the front page's top photo, which is the page's largest paint).
 */
export function CardPhoto({ image, sizes, priority = false, className = "" }: { image: StoryCardImage; sizes: string; priority?: boolean; className?: string }) {
  return (
    <picture>
      {image.srcSetAvif && <source type="image/avif" srcSet={image.srcSetAvif} sizes={sizes} />}
      {image.srcSetWebp && <source type="image/webp" srcSet={image.srcSetWebp} sizes={sizes} />}
      <img
        src={image.src}
        width={image.width}
        height={image.height}
        alt={image.alt}
        loading={priority ? "eager" : "lazy"}
        decoding="async"
        fetchPriority={priority ? "high" : undefined}
        className={`aspect-[3/2] h-auto w-full bg-panel object-cover ${className}`}
      />
    </picture>
  );
}

type Props = {
  story: StoryCardData;
  /** "lead": the front page's top story; "compact": a thumbnail beside the text. */
  variant?: "lead" | "standard" | "compact";
  headingLevel?: 2 | 3;
  /** The `sizes` of the photo: how wide the card is at each breakpoint. */
  sizes?: string;
  priority?: boolean;
};

/**
 * A story teaser. The headline's link covers the whole card (a larger target on a phone); the
 * section link sits above it. Without a photo the card is typeset to stand on its own (a rule
 * and a larger dek), so a text-only story leaves no empty frame.
 */
export function StoryCard({ story, variant = "standard", headingLevel = 2, sizes = "(min-width: 64rem) 31rem, (min-width: 48rem) 50vw, 100vw", priority = false }: Props) {
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const image = story.image;
  const section = story.section && (
    <Link href={`/sections/${encodeURIComponent(story.section.slug)}`} className="relative z-10 text-xs font-bold uppercase tracking-wide text-accent no-underline hover:underline">
      {story.section.name}
    </Link>
  );
  const headline = (
    <Link href={`/articles/${encodeURIComponent(story.slug)}`} className="no-underline after:absolute after:inset-0 hover:underline">
      {story.headline}
    </Link>
  );
  const byline = (
    <p className="mt-2 text-sm text-muted">
      {story.authors.map((a) => a.name).join(", ")}
      {story.publishedLabel && <> · {story.publishedLabel}</>}
    </p>
  );

  if (variant === "lead") {
    return (
      <article className={`relative border-b border-rule pb-6 ${image ? "grid gap-6 lg:grid-cols-[3fr_2fr]" : "border-t-4 border-ink pt-6 text-center"}`} data-testid="lead-story">
        {image && <CardPhoto image={image} sizes="(min-width: 64rem) 37rem, 100vw" priority={priority} />}
        <div className={image ? "" : "mx-auto max-w-3xl"}>
          {section}
          <Heading className={`mt-1 font-serif font-bold leading-tight ${image ? "text-3xl md:text-4xl" : "text-4xl md:text-5xl"}`}>{headline}</Heading>
          {story.dek && <p className={`mt-3 text-muted ${image ? "text-lg" : "text-xl"}`}>{story.dek}</p>}
          {byline}
        </div>
      </article>
    );
  }

  if (variant === "compact") {
    return (
      <article className={`relative border-t border-rule pt-3 ${image ? "grid grid-cols-[1fr_7rem] items-start gap-3" : ""}`}>
        <div className="min-w-0">
          {section}
          <Heading className="mt-1 font-serif text-lg font-bold leading-snug">{headline}</Heading>
          {!image && story.dek && <p className="mt-1 text-muted">{story.dek}</p>}
          {byline}
        </div>
        {image && <CardPhoto image={image} sizes="7rem" />}
      </article>
    );
  }

  return (
    <article className={`relative flex min-w-0 flex-col ${image ? "" : "border-t-4 border-ink pt-3"}`}>
      {image && <CardPhoto image={image} sizes={sizes} className="mb-3" />}
      <div>{section}</div>
      <Heading className="mt-1 font-serif text-xl font-bold leading-snug">{headline}</Heading>
      {story.dek && <p className={image ? "mt-1 text-muted" : "mt-2 font-serif text-lg italic text-muted"}>{story.dek}</p>}
      {byline}
    </article>
  );
}
