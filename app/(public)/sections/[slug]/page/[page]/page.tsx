import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublication } from "@/lib/data/publication";
import { findSection } from "@/lib/data/sections";
import { SectionStories } from "../../section-stories";
import { pageNumber } from "@/lib/domain/page-number";

export const revalidate = 60;

type Props = { params: Promise<{ slug: string; page: string }> };

export async function generateStaticParams() {
  // Rendered on first request, then cached (an empty list is what makes the route cacheable).
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug, page }, publication] = await Promise.all([params, getPublication()]);
  const section = await findSection({ slug });
  return { title: section ? `${section.name}, page ${page} | ${publication.name}` : publication.name };
}

export default async function SectionPageN({ params }: Props) {
  const { slug, page: raw } = await params;
  const page = pageNumber(raw);
  if (page === null) notFound();
  return <SectionStories slug={slug} page={page} />;
}
