import "server-only";
import { db } from "./db";

export async function listSections() {
  return db.section.findMany({ select: { id: true, name: true, slug: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
}

export async function findSection({ slug }: { slug: string }) {
  return db.section.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
}

export async function findTag({ slug }: { slug: string }) {
  return db.tag.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
}
