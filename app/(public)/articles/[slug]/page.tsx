import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Byline } from "@/components/public/byline";
import { findPublishedArticle } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { formatDateTime } from "@/lib/domain/time";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const [article, publication] = await Promise.all([findPublishedArticle({ slug }), getPublication()]);
  if (!article) return { title: publication.name };
  return { title: `${article.headline} | ${publication.name}`, description: article.dek || undefined };
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const [article, publication] = await Promise.all([findPublishedArticle({ slug }), getPublication()]);
  if (!article) notFound();
  const published = article.publishedAt ? new Date(article.publishedAt) : null;
  const updated = new Date(article.updatedAt);
  return (
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
      {/* bodyHtml is rendered from the story schema and sanitized on every save (lib/editor/render.ts). */}
      <div className="prose-story mt-6" dangerouslySetInnerHTML={{ __html: article.body }} />
    </article>
  );
}
