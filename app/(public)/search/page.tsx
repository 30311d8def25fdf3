import type { Metadata } from "next";
import Link from "next/link";
import { CardPhoto } from "@/components/public/story-card";
import { getPublication } from "@/lib/data/publication";
import { findCardImages } from "@/lib/data/public";
import { searchPublished } from "@/lib/data/search";
import { formatDate } from "@/lib/domain/time";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 20;
type Props = { searchParams: Promise<{ q?: string | string[]; page?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const publication = await getPublication();
  return { title: `Search | ${publication.name}`, robots: { index: false } };
}

/** A snippet with \u0001…\u0002 match markers, as text and <mark>: no HTML from the index. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\u0001[^\u0002]*\u0002)/);
  return (
    <>
      {parts.map((p, i) => (p.startsWith("\u0001") ? <mark key={i}>{p.slice(1, -1)}</mark> : <span key={i}>{p}</span>))}
    </>
  );
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = (Array.isArray(params.q) ? params.q[0] : params.q)?.slice(0, 200) ?? "";
  const page = Math.max(1, Math.min(500, Number.parseInt(params.page ?? "1", 10) || 1));
  const [{ hits, total }, publication] = await Promise.all([searchPublished({ q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), getPublication()]);
  const images = await findCardImages(hits);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-serif text-3xl font-bold">Search</h1>
      <form role="search" action="/search" className="mt-4 flex gap-2">
        <label htmlFor="q" className="sr-only">
          Search stories
        </label>
        <input id="q" name="q" type="search" defaultValue={q} className="w-full rounded border border-muted bg-paper px-3 py-2" />
        <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-accent-ink">
          Search
        </button>
      </form>
      {q && (
        <p className="mt-4 text-muted" role="status">
          {total === 0 ? `No stories match “${q}”.` : `${total} ${total === 1 ? "story matches" : "stories match"} “${q}”.`}
        </p>
      )}
      <ol className="mt-4 flex flex-col gap-6" data-testid="search-results">
        {hits.map((hit) => (
          <li key={hit.id} className={images.has(hit.id) ? "grid grid-cols-[1fr_7rem] items-start gap-4 sm:grid-cols-[1fr_10rem]" : ""}>
            <div className="min-w-0">
              <h2 className="font-serif text-xl font-bold">
                <Link href={`/articles/${encodeURIComponent(hit.slug)}`}>{hit.headline}</Link>
              </h2>
              <p className="text-sm text-muted">
                {hit.section}
                {hit.publishedAt && <> · {formatDate(hit.publishedAt, publication.timeZone)}</>}
              </p>
              <p className="mt-1">
                <Snippet text={hit.snippet} />
              </p>
            </div>
            {images.has(hit.id) && <CardPhoto image={images.get(hit.id)!} sizes="(min-width: 40rem) 10rem, 7rem" />}
          </li>
        ))}
      </ol>
      {total > page * PAGE_SIZE && (
        <p className="mt-6">
          <Link href={`/search?q=${encodeURIComponent(q)}&page=${page + 1}`}>More results →</Link>
        </p>
      )}
    </div>
  );
}
