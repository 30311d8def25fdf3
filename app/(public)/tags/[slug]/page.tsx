import type { Metadata } from "next";
import { getPublication } from "@/lib/data/publication";
import { findTag } from "@/lib/data/sections";
import { absoluteUrl, slugParam } from "@/lib/site";
import { TagStories } from "./tag-stories";

export const revalidate = 60;
type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = slugParam((await params).slug);
  const [tag, publication] = await Promise.all([findTag({ slug }), getPublication()]);
  return { title: tag ? `${tag.name} | ${publication.name}` : publication.name, alternates: tag ? { canonical: absoluteUrl(`/tags/${tag.slug}`) } : undefined };
}

export default async function TagPage({ params }: Props) {
  const slug = slugParam((await params).slug);
  return <TagStories slug={slug} page={1} />;
}
