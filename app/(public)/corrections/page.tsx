import type { Metadata } from "next";
import Link from "next/link";
import { listPublicCorrections } from "@/lib/data/corrections";
import { getPublication } from "@/lib/data/publication";
import { formatDate } from "@/lib/domain/time";
import { absoluteUrl } from "@/lib/site";

export const revalidate = 60;

export async function generateMetadata(): Promise<Metadata> {
  const publication = await getPublication();
  return { title: `Corrections | ${publication.name}`, alternates: { canonical: absoluteUrl("/corrections") } };
}

/** Every correction and editor's note, newest first: the paper owns its mistakes in public. */
export default async function CorrectionsPage() {
  const [corrections, publication] = await Promise.all([listPublicCorrections(), getPublication()]);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-serif text-3xl font-bold">Corrections</h1>
      <p className="mt-2 text-muted">When we get something wrong, we correct it here and on the story.</p>
      {corrections.length === 0 ? (
        <p className="mt-6">No corrections so far.</p>
      ) : (
        <ol className="mt-6 flex flex-col gap-5" data-testid="corrections-list">
          {corrections.map((c) => (
            <li key={c.id} className="border-b border-rule pb-4">
              <p className="text-sm text-muted">
                {c.kind === "CORRECTION" ? "Correction" : "Editor’s note"} · <time dateTime={c.createdAt.toISOString()}>{formatDate(c.createdAt, publication.timeZone)}</time>
              </p>
              <h2 className="mt-1 font-serif text-xl font-bold">
                <Link href={`/articles/${c.article.slug}`}>{c.article.headline}</Link>
              </h2>
              <p className="mt-1">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
