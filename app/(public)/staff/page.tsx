import type { Metadata } from "next";
import Link from "next/link";
import { listMasthead } from "@/lib/data/people";
import { getPublication } from "@/lib/data/publication";
import { absoluteUrl } from "@/lib/site";

export const revalidate = 3;

export async function generateMetadata(): Promise<Metadata> {
  const publication = await getPublication();
  return { title: `Staff | ${publication.name}`, alternates: { canonical: absoluteUrl("/staff") } };
}

/** The masthead: who is on staff, by role, with names as each person's display rule says. */
export default async function StaffPage() {
  const [groups, publication] = await Promise.all([listMasthead(), getPublication()]);
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Staff of {publication.name}</h1>
      {groups.map((group) => (
        <section key={group.role} aria-labelledby={`staff-${group.role}`} className="mt-8">
          <h2 id={`staff-${group.role}`} className="border-b-2 border-ink pb-1 font-serif text-2xl font-bold">
            {group.heading}
          </h2>
          <ul className="mt-3 grid gap-2 sm:grid-cols-2">
            {group.people.map((p) => (
              <li key={p.slug}>
                <Link href={`/authors/${p.slug}`} className="font-semibold">
                  {p.name}
                </Link>
                {p.detail && <span className="text-muted"> / {p.detail}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
