import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StoryCard } from "@/components/public/story-card";
import { findPublicIssue } from "@/lib/data/issues";
import { getPublication } from "@/lib/data/publication";
import { toStoryCards } from "@/lib/data/public";
import { formatDate } from "@/lib/domain/time";
import { absoluteUrl } from "@/lib/site";

export const revalidate = 60;
type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const [found, publication] = await Promise.all([findPublicIssue({ slug }), getPublication()]);
  if (!found) return { title: publication.name };
  return { title: `${found.issue.volume.label}, Issue ${found.issue.number}: ${found.issue.title} | ${publication.name}`, alternates: { canonical: absoluteUrl(`/issues/${slug}`) } };
}

export default async function IssuePage({ params }: Props) {
  const { slug } = await params;
  const [found, publication] = await Promise.all([findPublicIssue({ slug }), getPublication()]);
  if (!found) notFound();
  const cards = await toStoryCards(found.articles);
  return (
    <div>
      <p className="text-sm font-bold uppercase tracking-wide text-accent">
        {found.issue.volume.label}, Issue {found.issue.number}
      </p>
      <h1 className="font-serif text-3xl font-bold">{found.issue.title}</h1>
      {found.issue.publishedOn && <p className="text-muted">{formatDate(found.issue.publishedOn, publication.timeZone)}</p>}
      <p className="mt-3">
        <a href={`/issues/${slug}/pdf`} className="font-semibold" download>
          Download the print edition (PDF)
        </a>
      </p>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        {cards.map((story) => (
          <StoryCard key={story.slug} story={story} />
        ))}
      </div>
    </div>
  );
}
