import "server-only";
import { cache } from "react";
import { db } from "./db";

export async function listSections() {
  return db.section.findMany({ select: { id: true, name: true, slug: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
}

// Reader pages ask twice per request (the page and its metadata): React `cache`, keyed by the
// slug string, answers the second from the first.
const sectionBySlug = cache((slug: string) => db.section.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } }));
const tagBySlug = cache((slug: string) => db.tag.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } }));

export async function findSection({ slug }: { slug: string }) {
  return sectionBySlug(slug);
}

export async function findTag({ slug }: { slug: string }) {
  return tagBySlug(slug);
}
