import "server-only";
import { cache } from "react";
import { bylineDetail, type NameDisplay, publicName } from "@/lib/domain/byline";
import { distinctSlug, uniqueSlug } from "@/lib/domain/slug";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { getPublication } from "./publication";
import { listingCountSql } from "./public";

type Tx = Prisma.TransactionClient;

/**
 * Rules that must always hold for person slugs (the /authors/<slug> links in bylines, JSON-LD,
 * the sitemap and the staff page):
 * - built from the PUBLIC name (publicName), so a pen name or an initial never gives away the
 *   legal name behind it; a name without Latin letters gets "author-" and a hash of that name;
 * - unique among people (base, base-2, base-3...);
 * - changed whenever the public name changes (display choice, pen name approval, the
 *   publication's default), with no redirect: the old slug answers 404.
 */
const PUBLIC_NAME_SELECT = { fullName: true, penName: true, penNameApproved: true, nameDisplay: true, graduationYear: true, title: true } as const;

function slugBase(name: string): string {
  return distinctSlug(name, 60, "author");
}

async function freeSlug(tx: Tx, base: string, exceptPersonId?: string): Promise<string> {
  const taken = await tx.person.findMany({
    where: { slug: { startsWith: base }, ...(exceptPersonId ? { id: { not: exceptPersonId } } : {}) },
    select: { slug: true },
  });
  return uniqueSlug(base, new Set(taken.map((p) => p.slug)));
}

/** The slug for a new person (no pen name, the publication's default display), unique among people. */
export async function nextPersonSlug(tx: Tx, fullName: string): Promise<string> {
  const pub = await getPublication(tx);
  const name = publicName({ fullName, penName: null, penNameApproved: false, nameDisplay: null, graduationYear: null, title: null }, pub.nameDisplayDefault);
  return freeSlug(tx, slugBase(name));
}

/**
 * Give a person the slug of the name readers now see; call it after anything that can change
 * that name. Keeps the current slug when it already is that name's (`base` or `base-N`).
 * `nameDisplayDefault`: pass the new default when it is the one changing (in the same write).
 */
export async function syncPersonSlug(tx: Tx, { personId, nameDisplayDefault }: { personId: string; nameDisplayDefault?: NameDisplay }): Promise<string> {
  const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { slug: true, ...PUBLIC_NAME_SELECT } });
  const base = slugBase(publicName(person, nameDisplayDefault ?? (await getPublication(tx)).nameDisplayDefault));
  if (person.slug === base || new RegExp(`^${base}-[0-9]+$`).test(person.slug)) return person.slug;
  const slug = await freeSlug(tx, base, personId);
  await tx.person.update({ where: { id: personId }, data: { slug } });
  return slug;
}

/** After the publication's default display changes: everyone who follows the default. */
export async function syncDefaultDisplaySlugs(tx: Tx, { nameDisplayDefault }: { nameDisplayDefault: NameDisplay }): Promise<void> {
  const people = await tx.person.findMany({ where: { nameDisplay: null }, select: { id: true }, orderBy: { id: "asc" } });
  for (const p of people) await syncPersonSlug(tx, { personId: p.id, nameDisplayDefault });
}

/** Everyone who can be named as a co-author: people with an active account. */
export async function listBylineCandidates() {
  return db.person.findMany({
    where: { user: { active: true } },
    select: { id: true, fullName: true },
    orderBy: { fullName: "asc" },
  });
}

/** A byline's public page data: name as the display rules say, detail, bio. Never an email. */
export async function findAuthorBySlug({ slug }: { slug: string }) {
  return authorBySlug(slug);
}

/** Once per request (React `cache`, keyed by the slug): the page and its metadata both ask. */
const authorBySlug = cache(async (slug: string) => {
  const [person, pub] = await Promise.all([
    db.person.findUnique({
      where: { slug },
      select: { id: true, slug: true, fullName: true, penName: true, penNameApproved: true, nameDisplay: true, graduationYear: true, title: true, bio: true, user: { select: { active: true } } },
    }),
    getPublication(),
  ]);
  if (!person) return null;
  // Counted from the (personId, listedAt) index: Prisma's `_count` of a filtered relation
  // grouped every byline of the archive first (20 ms at 100,000 stories).
  const [{ n }] = await db.$queryRaw<{ n: number | bigint }[]>(listingCountSql({ authorPersonId: person.id }));
  const published = Number(n);
  // Public only for current staff and for anyone with a published byline.
  if (published === 0 && !person.user?.active) return null;
  return {
    id: person.id,
    slug: person.slug,
    name: publicName(person, pub.nameDisplayDefault),
    detail: bylineDetail(person, new Date(), pub.schoolYearStartMonth),
    bio: person.bio,
    published,
  };
});

const ROLE_ORDER = ["ADVISER", "ADMIN", "EDITOR", "WRITER"] as const;
export const MASTHEAD_HEADINGS: Record<(typeof ROLE_ORDER)[number], string> = {
  ADVISER: "Advisers",
  ADMIN: "Administrators",
  EDITOR: "Editors",
  WRITER: "Reporters",
};

/** The staff page: active staff grouped by role, in the public name form. */
export async function listMasthead() {
  const [users, pub] = await Promise.all([
    db.user.findMany({
      where: { active: true },
      select: { role: true, person: { select: { slug: true, fullName: true, penName: true, penNameApproved: true, nameDisplay: true, graduationYear: true, title: true } } },
      orderBy: { person: { fullName: "asc" } },
    }),
    getPublication(),
  ]);
  const now = new Date();
  return ROLE_ORDER.map((role) => ({
    role,
    heading: MASTHEAD_HEADINGS[role],
    people: users
      .filter((u) => u.role === role)
      .map((u) => ({ slug: u.person.slug, name: publicName(u.person, pub.nameDisplayDefault), detail: bylineDetail(u.person, now, pub.schoolYearStartMonth) })),
  })).filter((group) => group.people.length > 0);
}

export async function listAuthorSlugs() {
  // listedAt: set while the story is published (triggers, migration 20261202080000_indexes).
  return db.person.findMany({ where: { bylines: { some: { listedAt: { not: null } } } }, select: { slug: true, updatedAt: true } });
}
