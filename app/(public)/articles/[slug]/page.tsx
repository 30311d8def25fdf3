import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Byline } from "@/components/public/byline";
import { StoryCard } from "@/components/public/story-card";
import { findPublishedArticle, listRelatedArticles } from "@/lib/data/articles";
import { type CorrectionDto, listCorrections } from "@/lib/data/corrections";
import { findIssueOfArticle } from "@/lib/data/issues";
import { getPublication } from "@/lib/data/publication";
import { toStoryCards } from "@/lib/data/public";
import { formatDate, formatDateTime } from "@/lib/domain/time";
import { absoluteUrl, slugParam } from "@/lib/site";

export const revalidate = 60;
type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  // Rendered on first request, then cached; nothing is built ahead of time.
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = slugParam((await params).slug);
  const [article, publication] = await Promise.all([findPublishedArticle({ slug }), getPublication()]);
  if (!article) return { title: publication.name };
  const url = absoluteUrl(`/articles/${article.slug}`);
  const description = article.dek || undefined;
  return {
    title: `${article.headline} | ${publication.name}`,
    description,
    alternates: { canonical: url },
    authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(`/authors/${a.slug}`) })),
    robots: article.noindex ? { index: false, follow: false } : undefined,
    openGraph: {
      type: "article",
      siteName: publication.name,
      title: article.headline,
      description,
      url,
      publishedTime: article.publishedAt ?? undefined,
      modifiedTime: article.updatedAt,
      section: article.section?.name,
      tags: article.tags.map((t) => t.name),
      authors: article.authors.map((a) => a.name),
      images: article.leadImage ? [{ url: absoluteUrl(article.leadImage.urls.src), width: article.leadImage.urls.width, height: article.leadImage.urls.height, alt: article.leadImage.alt }] : undefined,
    },
    twitter: { card: article.leadImage ? "summary_large_image" : "summary", title: article.headline, description, images: article.leadImage ? [absoluteUrl(article.leadImage.urls.src)] : undefined },
  };
}

export default async function ArticlePage({ params }: Props) {
  const slug = slugParam((await params).slug);
  const [article, publication] = await Promise.all([findPublishedArticle({ slug }), getPublication()]);
  if (!article) notFound();
  const [relatedArticles, corrections, issue] = await Promise.all([listRelatedArticles({ article }), listCorrections({ articleId: article.id }), findIssueOfArticle({ articleId: article.id })]);
  const related = await toStoryCards(relatedArticles);
  const notes = (position: string) => corrections.filter((c) => c.position === position);
  const published = article.publishedAt ? new Date(article.publishedAt) : null;
  const updated = new Date(article.updatedAt);
  const url = absoluteUrl(`/articles/${article.slug}`);
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.headline,
    description: article.dek || undefined,
    mainEntityOfPage: url,
    url,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    articleSection: article.section?.name,
    keywords: article.tags.map((t) => t.name).join(", ") || undefined,
    author: article.authors.map((a) => ({ "@type": "Person", name: a.name, url: absoluteUrl(`/authors/${a.slug}`) })),
    publisher: { "@type": "NewsMediaOrganization", name: publication.name, url: absoluteUrl("/") },
    image: article.leadImage ? [absoluteUrl(article.leadImage.urls.src)] : undefined,
  };
  return (
    <>
      <article className="mx-auto max-w-2xl">
        {article.section && (
          <Link href={`/sections/${article.section.slug}`} className="text-sm font-bold uppercase tracking-wide text-accent no-underline hover:underline">
            {article.section.name}
          </Link>
        )}
        <h1 className="mt-2 font-serif text-4xl font-bold leading-tight">{article.headline}</h1>
        {article.dek && <p className="mt-3 text-xl text-muted">{article.dek}</p>}
        <div className="mt-4 border-y border-rule py-3">
          <Byline authors={article.authors} />
          {published && (
            <p className="text-sm text-muted">
              Published <time dateTime={published.toISOString()}>{formatDateTime(published, publication.timeZone)}</time>
              {updated.getTime() - published.getTime() > 60_000 && (
                <>
                  {" "}
                  · Updated <time dateTime={updated.toISOString()}>{formatDateTime(updated, publication.timeZone)}</time>
                </>
              )}
            </p>
          )}
        </div>
        {article.leadImage && (
          <figure className="mt-6" data-testid="lead-image">
            <picture>
              <source type="image/avif" srcSet={article.leadImage.urls.srcSetAvif} sizes="(min-width: 42rem) 42rem, 100vw" />
              <source type="image/webp" srcSet={article.leadImage.urls.srcSetWebp} sizes="(min-width: 42rem) 42rem, 100vw" />
              <img src={article.leadImage.urls.src} width={article.leadImage.urls.width} height={article.leadImage.urls.height} alt={article.leadImage.alt} className="h-auto w-full" />
            </picture>
            {(article.leadImage.caption || article.leadImage.credit) && (
              <figcaption className="mt-2 text-sm text-muted">
                {article.leadImage.caption} {article.leadImage.credit && <span className="credit">Credit: {article.leadImage.credit}</span>}
              </figcaption>
            )}
          </figure>
        )}
        <Corrections items={notes("top")} timeZone={publication.timeZone} />
        {/* bodyHtml is rendered from the story schema and sanitized once, before the story was shown to anyone else (lib/editor/render.ts, lib/data/articles.ts withRenderedBody). */}
        <div className="prose-story mt-6" dangerouslySetInnerHTML={{ __html: article.body }} />
        <Corrections items={notes("bottom")} timeZone={publication.timeZone} />
        {issue && (
          <p className="mt-8 text-sm">
            Ran in{" "}
            <Link href={`/issues/${issue.slug}`}>
              {issue.volume.label}, {issue.title}
            </Link>
          </p>
        )}
        {article.tags.length > 0 && (
          <ul className="mt-8 flex flex-wrap gap-2 text-sm" aria-label="Tags">
            {article.tags.map((t) => (
              <li key={t.slug}>
                <Link href={`/tags/${t.slug}`} className="rounded border border-rule px-2 py-1 no-underline hover:underline">
                  {t.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {/* Escaped so no headline can close the script element. */}
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }} />
      </article>
      {related.length > 0 && (
        <aside aria-labelledby="related-heading" className="no-print mx-auto mt-12 max-w-5xl">
          <h2 id="related-heading" className="border-b-2 border-ink pb-1 font-serif text-2xl font-bold">
            Related stories
          </h2>
          <div className="mt-4 grid gap-6 md:grid-cols-3">
            {related.map((story) => (
              <StoryCard key={story.slug} story={story} headingLevel={3} sizes="(min-width: 64rem) 20rem, (min-width: 48rem) 33vw, 100vw" />
            ))}
          </div>
        </aside>
      )}
    </>
  );
}

/** Dated corrections and editor's notes, shown as the newsroom placed them. */
function Corrections({ items, timeZone }: { items: CorrectionDto[]; timeZone: string }) {
  if (items.length === 0) return null;
  return (
    <aside aria-label="Corrections" className="mt-6 border-y-2 border-warn py-3" data-testid="corrections">
      {items.map((c) => (
        <p key={c.id} className="text-sm">
          <strong>{c.kind === "CORRECTION" ? "Correction" : "Editor’s note"}</strong> (<time dateTime={c.createdAt}>{formatDate(new Date(c.createdAt), timeZone)}</time>): {c.body}
        </p>
      ))}
    </aside>
  );
}
