import type { Metadata } from "next";
import { slugParam } from "@/lib/site";
import { notFound } from "next/navigation";
import { findAuthorBySlug } from "@/lib/data/people";
import { getPublication } from "@/lib/data/publication";
import { pageNumber } from "@/lib/domain/page-number";
import { AuthorStories } from "../../author-stories";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string; page: string }> };

export async function generateStaticParams() {
  // Rendered on first request, then cached (an empty list is what makes the route cacheable).
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug: rawSlug, page }, publication] = await Promise.all([params, getPublication()]);
  const slug = slugParam(rawSlug);
  const found = await findAuthorBySlug({ slug });
  return { title: found ? `${found.name}, page ${page} | ${publication.name}` : publication.name };
}

export default async function Page({ params }: Props) {
  const { slug: rawSlug, page: raw } = await params;
  const slug = slugParam(rawSlug);
  const page = pageNumber(raw);
  if (page === null) notFound();
  return <AuthorStories slug={slug} page={page} />;
}
