import Link from "next/link";
import type { ReactNode } from "react";
import { getPublication } from "@/lib/data/publication";
import { listSections } from "@/lib/data/sections";

export default async function PublicLayout({ children }: { children: ReactNode }) {
  const [publication, sections] = await Promise.all([getPublication(), listSections()]);
  return (
    <div className="mx-auto max-w-5xl px-4">
      <header className="border-b-4 border-double border-ink py-6 text-center">
        <p className="font-serif text-5xl font-bold tracking-tight">
          <Link href="/" className="no-underline">
            {publication.name}
          </Link>
        </p>
        {publication.tagline && <p className="mt-1 text-sm text-muted">{publication.tagline}</p>}
        <nav aria-label="Sections" className="mt-4">
          <ul className="flex flex-wrap justify-center gap-x-5 gap-y-2 text-sm font-semibold uppercase tracking-wide">
            {sections.map((s) => (
              <li key={s.id}>
                <Link href={`/sections/${s.slug}`} className="no-underline hover:underline">
                  {s.name}
                </Link>
              </li>
            ))}
            <li>
              <Link href="/search" className="no-underline hover:underline">
                Search
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="py-8">
        {children}
      </main>
      <footer className="border-t border-rule py-6 text-sm text-muted">
        <p>
          © {publication.name}. Student journalism, published with <span className="font-semibold">Masthead</span>. · <Link href="/staff">Staff</Link> · <Link href="/corrections">Corrections</Link> · <Link href="/issues">Issues</Link> ·{" "}
          <Link href="/feed.xml">RSS</Link> · <Link href="/newsroom">Newsroom sign-in</Link>
        </p>
      </footer>
    </div>
  );
}
