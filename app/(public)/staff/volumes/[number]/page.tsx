import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MastheadView } from "@/components/public/masthead-view";
import { findPublicMasthead } from "@/lib/data/masthead";
import { getPublication } from "@/lib/data/publication";
import { absoluteUrl } from "@/lib/site";
import { ZVolumeNumber } from "@/lib/validation/masthead";

export const revalidate = 60;
type Props = { params: Promise<{ number: string }> };

export async function generateStaticParams() {
  return [];
}

async function load(params: Props["params"]) {
  const number = ZVolumeNumber.safeParse((await params).number);
  // "13" only: no "013" or "13.0" duplicates of the same page.
  if (!number.success || String(number.data) !== (await params).number) return null;
  return findPublicMasthead({ number: number.data });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [masthead, publication] = await Promise.all([load(params), getPublication()]);
  if (!masthead?.volume) return { title: publication.name };
  // The current volume's page is the same as /staff, which is its canonical address.
  const canonical = masthead.isCurrent ? "/staff" : `/staff/volumes/${masthead.volume.number}`;
  return { title: `Staff, ${masthead.volume.label} | ${publication.name}`, alternates: { canonical: absoluteUrl(canonical) } };
}

/** A volume's masthead as it was that school year: graduates stay, with that year's grades. */
export default async function VolumeStaffPage({ params }: Props) {
  const [masthead, publication] = await Promise.all([load(params), getPublication()]);
  if (!masthead) notFound();
  return <MastheadView masthead={masthead} publicationName={publication.name} />;
}
