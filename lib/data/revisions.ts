import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { editorHtmlFromJson } from "@/lib/editor/render";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findArticleForActor } from "./articles";
import { db } from "./db";

const revisionSelect = {
  id: true,
  version: true,
  event: true,
  headline: true,
  dek: true,
  bodyText: true,
  leadImageCaption: true,
  leadImageId: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { person: { select: { fullName: true } } } },
} as const;

type RevisionRow = {
  id: string;
  version: number;
  event: string;
  headline: string;
  dek: string;
  bodyText: string;
  leadImageCaption: string | null;
  leadImageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  author: { person: { fullName: string } };
};

function toRevisionDto(r: RevisionRow) {
  return {
    id: r.id,
    version: r.version,
    event: r.event,
    headline: r.headline,
    dek: r.dek,
    text: r.bodyText,
    /** The story's own caption for its lead image then (null: none of its own, or not recorded yet). */
    leadImageCaption: r.leadImageCaption,
    /** The lead image that caption was written for (null: none, or not recorded yet). */
    leadImageId: r.leadImageId,
    author: r.author.person.fullName,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type RevisionDto = ReturnType<typeof toRevisionDto>;

/** Every revision of a story the actor may see, newest first. */
export async function listRevisions({ actor, articleId }: { actor: Actor; articleId: string }) {
  await findArticleForActor({ id: articleId, actor });
  const rows = await db.revision.findMany({ where: { articleId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: revisionSelect });
  return rows.map(toRevisionDto);
}

/** One revision with its body (sanitized HTML as the editor would load it). */
export async function findRevision({ actor, articleId, revisionId, tx }: { actor: Actor; articleId: string; revisionId: string; tx?: Prisma.TransactionClient }) {
  await findArticleForActor({ id: articleId, actor, tx });
  const row = await (tx ?? db).revision.findFirst({ where: { id: revisionId, articleId }, select: { ...revisionSelect, bodyJson: true } });
  if (!row) throw notFound("That revision");
  return { ...toRevisionDto(row), body: editorHtmlFromJson(row.bodyJson) };
}

/** The latest anonymizing takedown's revision of a story, if it had one: nothing before it may come back. */
export async function findLastAnonymizeRevision({ articleId, tx }: { articleId: string; tx?: Prisma.TransactionClient }) {
  return (tx ?? db).revision.findFirst({ where: { articleId, event: "anonymize" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, createdAt: true } });
}
