import "server-only";
import { slugify, uniqueSlug } from "@/lib/domain/slug";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

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
