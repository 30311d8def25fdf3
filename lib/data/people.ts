import "server-only";
import { bylineDetail, publicName } from "@/lib/domain/byline";
import { slugify, uniqueSlug } from "@/lib/domain/slug";
import { PUBLIC_STATUSES } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { getPublication } from "./publication";

type Tx = Prisma.TransactionClient;

/** A person slug derived from the name, unique among people. */
export async function nextPersonSlug(tx: Tx, fullName: string): Promise<string> {
  const base = slugify(fullName, 60);
  const taken = await tx.person.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
  return uniqueSlug(base, new Set(taken.map((p) => p.slug)));
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
  const [person, pub] = await Promise.all([
    db.person.findUnique({
      where: { slug },
      select: { id: true, slug: true, fullName: true, penName: true, penNameApproved: true, nameDisplay: true, graduationYear: true, title: true, bio: true, user: { select: { active: true } }, _count: { select: { bylines: { where: { article: { status: { in: [...PUBLIC_STATUSES] } } } } } } },
    }),
    getPublication(),
  ]);
  // Public only for current staff and for anyone with a published byline.
  if (!person || (person._count.bylines === 0 && !person.user?.active)) return null;
  return {
    id: person.id,
    slug: person.slug,
    name: publicName(person, pub.nameDisplayDefault),
    detail: bylineDetail(person, new Date(), pub.schoolYearStartMonth),
    bio: person.bio,
    published: person._count.bylines,
  };
}

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
  return db.person.findMany({ where: { bylines: { some: { article: { status: { in: [...PUBLIC_STATUSES] } } } } }, select: { slug: true, updatedAt: true } });
}
