import type { Metadata } from "next";
import Link from "next/link";
import { listPublicIssues } from "@/lib/data/issues";
import { getPublication } from "@/lib/data/publication";
import { formatDate } from "@/lib/domain/time";
import { absoluteUrl } from "@/lib/site";

export const revalidate = 60;

export async function generateMetadata(): Promise<Metadata> {
  const publication = await getPublication();
  return { title: `Issues | ${publication.name}`, alternates: { canonical: absoluteUrl("/issues") } };
}

/** The issue archive, newest first, grouped by volume (school year). */
export default async function IssuesPage() {
  const [issues, publication] = await Promise.all([listPublicIssues(), getPublication()]);
  const volumes = [...new Map(issues.map((i) => [i.volume.number, i.volume.label])).entries()];
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Issue archive</h1>
      {issues.length === 0 && <p className="mt-4 text-muted">No issues have been published yet.</p>}
      {volumes.map(([number, label]) => (
        <section key={number} aria-labelledby={`volume-${number}`} className="mt-8">
          <h2 id={`volume-${number}`} className="border-b-2 border-ink pb-1 font-serif text-2xl font-bold">
            {label}
          </h2>
          <ul className="mt-3 flex flex-col gap-2">
            {issues
              .filter((i) => i.volume.number === number)
              .map((i) => (
                <li key={i.slug}>
                  <Link href={`/issues/${i.slug}`} className="font-semibold">
                    Issue {i.number}: {i.title}
                  </Link>
                  <span className="text-muted">
                    {" "}
                    · {i.publishedOn ? formatDate(i.publishedOn, publication.timeZone) : ""} · {i._count.articles} {i._count.articles === 1 ? "story" : "stories"}
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
