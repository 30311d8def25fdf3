import Link from "next/link";
import type { PublicMasthead } from "@/lib/validation/masthead";

/** A volume's masthead for readers: positions as headings, names as each person chose. */
export function MastheadView({ masthead, publicationName }: { masthead: PublicMasthead; publicationName: string }) {
  const { volume, groups, fallback, otherVolumes, isCurrent, upcoming } = masthead;
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Staff of {publicationName}</h1>
      {volume && (
        <p className="mt-1 text-lg font-semibold" data-testid="masthead-volume">
          {volume.label}
          {isCurrent ? "" : upcoming ? " (upcoming)" : " (a past masthead)"}
        </p>
      )}
      {fallback && <p className="mt-1 text-muted">{volume ? `No masthead has been recorded for ${volume.label}; this is the current staff.` : "The current staff."}</p>}
      {groups.map((group, i) => (
        <section key={group.position} aria-labelledby={`staff-group-${i}`} className="mt-8">
          <h2 id={`staff-group-${i}`} className="border-b-2 border-ink pb-1 font-serif text-2xl font-bold">
            {group.position}
          </h2>
          <ul className="mt-3 grid gap-2 sm:grid-cols-2">
            {group.people.map((p) => (
              <li key={p.key}>
                {p.href ? (
                  <Link href={p.href} className="font-semibold">
                    {p.name}
                  </Link>
                ) : (
                  <span className="font-semibold">{p.name}</span>
                )}
                {p.detail && <span className="text-muted"> / {p.detail}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {otherVolumes.length > 0 && (
        <nav aria-labelledby="other-volumes" className="mt-10 border-t border-rule pt-4">
          <h2 id="other-volumes" className="font-serif text-xl font-bold">
            Mastheads of other volumes
          </h2>
          <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1">
            {otherVolumes.map((v) => (
              <li key={v.number}>
                <Link href={v.href}>
                  {v.label}
                  {v.current ? " (current)" : ""}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
