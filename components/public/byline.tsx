import Link from "next/link";

type Author = { id: string; slug: string; name: string; detail: string | null };

/** "By Jaehoon Song / Grade 11 and …" with each name linking to the author's page. */
export function Byline({ authors }: { authors: Author[] }) {
  if (authors.length === 0) return null;
  return (
    <p className="text-sm text-muted" data-testid="byline">
      By{" "}
      {authors.map((a, i) => (
        <span key={a.id}>
          {i > 0 && (i === authors.length - 1 ? " and " : ", ")}
          <Link href={`/authors/${a.slug}`} className="font-semibold text-ink">
            {a.name}
          </Link>
          {a.detail && <span> / {a.detail}</span>}
        </span>
      ))}
    </p>
  );
}
