import type { Metadata } from "next";
import { getPublication } from "@/lib/data/publication";
import { findSection } from "@/lib/data/sections";
import { SectionStories } from "./section-stories";

// Served from Next's cache like the front page; older stories page at /sections/<slug>/page/<n>
// (a path, not ?page=, so every page of a section can be cached).
export const revalidate = 60;

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  // Rendered on first request, then cached (an empty list is what makes the route cacheable).
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug }, publication] = await Promise.all([params, getPublication()]);
  const section = await findSection({ slug });
  return { title: section ? `${section.name} | ${publication.name}` : publication.name };
}

export default async function SectionPage({ params }: Props) {
  const { slug } = await params;
  return <SectionStories slug={slug} page={1} />;
}
