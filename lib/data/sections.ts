import "server-only";
import { cache } from "react";
import { db } from "./db";

export async function listSections() {
  return db.section.findMany({ select: { id: true, name: true, slug: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
}

// Reader pages ask twice per request (the page and its metadata): React `cache`, keyed by the
// slug string, answers the second from the first.
const sectionBySlug = cache((slug: string) => db.section.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } }));
// A tag exists for readers only while a live story carries it (an ArticleTag row with listedAt,
// which the triggers set for a PUBLISHED story alone). A Tag row is made as soon as a tag is typed,
// into a draft or a live story's working copy, so its name alone must never reach a reader page
// (the tag page's title included): only a story that readers see may make a tag public.
const tagBySlug = cache((slug: string) =>
  db.tag.findFirst({ where: { slug, articles: { some: { listedAt: { not: null } } } }, select: { id: true, name: true, slug: true } }),
);

export async function findSection({ slug }: { slug: string }) {
  return sectionBySlug(slug);
}

/** The tag a reader page shows: null unless a published story carries it. */
export async function findTag({ slug }: { slug: string }) {
  return tagBySlug(slug);
}
