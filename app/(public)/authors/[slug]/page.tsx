import type { Metadata } from "next";
import { findAuthorBySlug } from "@/lib/data/people";
import { getPublication } from "@/lib/data/publication";
import { absoluteUrl, slugParam } from "@/lib/site";
import { AuthorStories } from "./author-stories";

export const revalidate = 60;
type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = slugParam((await params).slug);
  const [author, publication] = await Promise.all([findAuthorBySlug({ slug }), getPublication()]);
  if (!author) return { title: publication.name };
  return { title: `${author.name} | ${publication.name}`, description: author.bio || undefined, alternates: { canonical: absoluteUrl(`/authors/${author.slug}`) } };
}

export default async function AuthorPage({ params }: Props) {
  const slug = slugParam((await params).slug);
  return <AuthorStories slug={slug} page={1} />;
}
