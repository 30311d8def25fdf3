import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MastheadView } from "@/components/public/masthead-view";
import { findPublicMasthead } from "@/lib/data/masthead";
import { getPublication } from "@/lib/data/publication";
import { absoluteUrl } from "@/lib/site";

export const revalidate = 60;

export async function generateMetadata(): Promise<Metadata> {
  const publication = await getPublication();
  return { title: `Staff | ${publication.name}`, alternates: { canonical: absoluteUrl("/staff") } };
}

/** The masthead of the current volume (today's school year, else the latest), by position. */
export default async function StaffPage() {
  const [masthead, publication] = await Promise.all([findPublicMasthead(), getPublication()]);
  if (!masthead) notFound();
  return <MastheadView masthead={masthead} publicationName={publication.name} />;
}
