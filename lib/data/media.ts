import "server-only";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { type Actor, can } from "@/lib/auth/policy";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { PUBLIC_STATUSES } from "@/lib/domain/workflow";
import type { Variant } from "@/lib/media/process";
import type { TMedia, TMediaQuery, TMediaUrls, TPublicMedia } from "@/lib/validation/media";
import { db, engine } from "./db";

export const mediaSelect = {
  id: true,
  storageKey: true,
  originalName: true,
  mimeType: true,
  width: true,
  height: true,
  bytes: true,
  alt: true,
  caption: true,
  credit: true,
  variants: true,
  uploadedById: true,
  createdAt: true,
  uploadedBy: { select: { id: true, person: { select: { fullName: true } } } },
} satisfies Prisma.MediaSelect;

export type MediaRow = Prisma.MediaGetPayload<{ select: typeof mediaSelect }>;

/** Media.variants as a list, smallest first; a damaged value reads as no renditions. */
export function parseVariants(variants: string | readonly Variant[]): Variant[] {
  let list: unknown = variants;
  if (typeof variants === "string") {
    try {
      list = JSON.parse(variants);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return (list as Variant[]).filter((v) => v && typeof v.key === "string" && typeof v.width === "number").sort((a, b) => a.width - b.width);
}

const urlOf = (v: Variant) => `/media/${v.key}`;

/** Responsive sources for a library image, every URL under /media/ (for <picture> and <img>). */
export function mediaUrls(media: { variants: string | readonly Variant[]; width: number; height: number }): TMediaUrls {
  const variants = parseVariants(media.variants);
  const srcSet = (format: Variant["format"]) =>
    variants
      .filter((v) => v.format === format)
      .map((v) => `${urlOf(v)} ${v.width}w`)
      .join(", ");
  const fallback = variants.filter((v) => v.format === "jpeg").at(-1) ?? variants.filter((v) => v.format === "webp").at(-1);
  return {
    src: fallback ? urlOf(fallback) : "",
    srcSetWebp: srcSet("webp"),
    srcSetAvif: srcSet("avif"),
    width: fallback?.width ?? media.width,
    height: fallback?.height ?? media.height,
  };
}

function thumbUrl(variants: Variant[]): string {
  const thumb = variants.find((v) => v.format === "webp") ?? variants[0];
  return thumb ? urlOf(thumb) : "";
}

/** A library image as staff see it; `canEdit` is the policy's answer for this actor. */
export function toMediaDto(row: MediaRow, actor: Actor): TMedia {
  const variants = parseVariants(row.variants);
  return {
    id: row.id,
    originalName: row.originalName,
    mimeType: row.mimeType,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    urls: mediaUrls(row),
    thumbUrl: thumbUrl(variants),
    uploadedBy: row.uploadedBy ? { id: row.uploadedBy.id, name: row.uploadedBy.person.fullName } : null,
    createdAt: row.createdAt.toISOString(),
    canEdit: can(actor, "edit_media", { uploadedById: row.uploadedById }),
  };
}

/** A file name fit to show: no folders, no control characters, not too long. */
export function cleanName(name: string): string {
  const base = path.basename(name.replace(/\\/g, "/")).replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "image").slice(0, 200);
}

export type UploadFile = { name: string; data: Uint8Array };

/** `word` as a LIKE pattern (with `ESCAPE '\\'`) that matches it literally, `%` and `_` included. */
function containsLiterally(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The library, newest first. `q` matches alt text, caption, credit and file name; with several
 * words, every word must match somewhere. Words are literal text: Prisma's `contains` would
 * pass `%` and `_` to LIKE as wildcards, so the words are matched here with an ESCAPE clause.
 */
export async function listMedia({ actor, query = {} }: { actor: Actor; query?: TMediaQuery }): Promise<TMedia[]> {
  const words = (query.q ?? "").split(/\s+/).filter(Boolean).slice(0, 8);
  const where: Prisma.MediaWhereInput[] = [];
  if (words.length > 0) {
    const matches = words.map((word) => {
      const p = containsLiterally(word);
      // SQLite's LIKE ignores ASCII case; PostgreSQL needs ILIKE for the same match.
      const like = engine === "postgres" ? Prisma.raw("ILIKE") : Prisma.raw("LIKE");
      return Prisma.sql`("alt" ${like} ${p} ESCAPE '\\' OR "caption" ${like} ${p} ESCAPE '\\' OR "credit" ${like} ${p} ESCAPE '\\' OR "originalName" ${like} ${p} ESCAPE '\\')`;
    });
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Media" WHERE ${Prisma.join(matches, " AND ")}`;
    where.push({ id: { in: rows.map((r) => r.id) } });
  }
  if (query.missingAlt) where.push({ alt: "" });
  const rows = await db.media.findMany({ where: { AND: where }, select: mediaSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: query.limit ?? 60 });
  return rows.map((row) => toMediaDto(row, actor));
}

/** One library image for a staff member, or NOT_FOUND. Pass the transaction if any. */
export async function findMediaForActor({ actor, id, tx }: { actor: Actor; id: string; tx?: Prisma.TransactionClient }): Promise<TMedia> {
  const row = await (tx ?? db).media.findUnique({ where: { id }, select: mediaSelect });
  if (!row) throw notFound("That image");
  return toMediaDto(row, actor);
}

/** For the public site: what an <img> or <picture> needs, or null. */
export async function findMedia({ id }: { id: string }): Promise<TPublicMedia | null> {
  const row = await db.media.findUnique({ where: { id }, select: { id: true, alt: true, caption: true, credit: true, variants: true, width: true, height: true } });
  if (!row) return null;
  return { id: row.id, alt: row.alt, caption: row.caption, credit: row.credit, urls: mediaUrls(row) };
}

/**
 * For stories that point at an image (leadImageId): VALIDATION on `field` when the id names no
 * library image, so a bad id is a 422 and not a foreign-key failure. Pass the transaction if any.
 */
export async function requireMedia({ id, field = "leadImageId", tx }: { id: string; field?: string; tx?: Prisma.TransactionClient }): Promise<void> {
  const found = tx ? await tx.media.findUnique({ where: { id }, select: { id: true } }) : await db.media.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw new AppError("VALIDATION", "There is no such image in the media library.", { fields: { [field]: "There is no such image in the media library." } });
}

// ---- Images inside stories ----

type Figure = { mediaId: string; alt: string };

function collectFigures(node: unknown, out: Figure[]): void {
  if (!node || typeof node !== "object") return;
  const n = node as { type?: unknown; attrs?: Record<string, unknown>; content?: unknown };
  if (n.type === "figure" && typeof n.attrs?.mediaId === "string" && n.attrs.mediaId) {
    out.push({ mediaId: n.attrs.mediaId, alt: typeof n.attrs.alt === "string" ? n.attrs.alt : "" });
  }
  if (Array.isArray(n.content)) for (const child of n.content) collectFigures(child, out);
}

/** The inline figures of a story body (Tiptap JSON, as an object or a string). */
export function figuresIn(doc: unknown): Figure[] {
  let value = doc;
  if (typeof doc === "string") {
    try {
      value = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  const out: Figure[] = [];
  collectFigures(value, out);
  return out;
}

export type MissingAlt = { id: string; originalName: string; thumbUrl: string; usedAs: ("lead" | "inline")[] };

/**
 * Images a story uses (its lead image and its inline figures) that have no alt text. An inline
 * figure with alt text of its own passes; the lead image needs alt text in the library.
 */
export async function findMissingAlt({ articleId, tx }: { articleId: string; tx?: Prisma.TransactionClient }): Promise<MissingAlt[]> {
  const client = tx ?? db;
  const article = await client.article.findUnique({ where: { id: articleId }, select: { leadImageId: true, bodyJson: true } });
  if (!article) return [];
  const figures = figuresIn(article.bodyJson);
  const ids = [...new Set([...(article.leadImageId ? [article.leadImageId] : []), ...figures.map((f) => f.mediaId)])];
  if (ids.length === 0) return [];
  const rows = await client.media.findMany({ where: { id: { in: ids } }, select: { id: true, originalName: true, alt: true, variants: true } });
  const missing: MissingAlt[] = [];
  for (const row of rows) {
    if (row.alt.trim() !== "") continue;
    const usedAs: MissingAlt["usedAs"] = [];
    if (row.id === article.leadImageId) usedAs.push("lead");
    if (figures.some((f) => f.mediaId === row.id && f.alt.trim() === "")) usedAs.push("inline");
    if (usedAs.length > 0) missing.push({ id: row.id, originalName: row.originalName, thumbUrl: thumbUrl(parseVariants(row.variants)), usedAs });
  }
  return missing;
}

/** Throws CONFLICT naming the images that still need alt text; for the publish transitions. */
export async function assertAltText({ articleId, tx }: { articleId: string; tx?: Prisma.TransactionClient }): Promise<void> {
  const missing = await findMissingAlt({ articleId, tx });
  if (missing.length === 0) return;
  const names = missing.map((m) => `${m.originalName}${m.usedAs.includes("lead") ? " (lead image)" : ""}`).join(", ");
  throw new AppError("CONFLICT", `Add alt text to every image before publishing. Missing: ${names}.`, { details: { missingAlt: missing } });
}

/**
 * Refresh the inline figures of a story body from the library: src, width and height always;
 * alt, caption and credit where the figure has none of its own. Figures whose image no longer
 * exists are dropped. Run it before rendering a body so published HTML never lags the library.
 */
export async function hydrateFigures(doc: JSONContent, tx?: Prisma.TransactionClient): Promise<JSONContent> {
  const ids = [...new Set(figuresIn(doc).map((f) => f.mediaId))];
  if (ids.length === 0) return doc;
  const rows = await (tx ?? db).media.findMany({ where: { id: { in: ids } }, select: { id: true, alt: true, caption: true, credit: true, variants: true, width: true, height: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const visit = (node: JSONContent): JSONContent | null => {
    if (node.type === "figure") {
      const row = byId.get(String(node.attrs?.mediaId ?? ""));
      if (!row) return null;
      const urls = mediaUrls(row);
      const own = (key: string) => (typeof node.attrs?.[key] === "string" ? (node.attrs[key] as string).trim() : "");
      return {
        ...node,
        attrs: {
          ...node.attrs,
          mediaId: row.id,
          src: urls.src,
          width: urls.width,
          height: urls.height,
          alt: own("alt") || row.alt,
          caption: own("caption") || row.caption,
          credit: own("credit") || row.credit,
        },
      };
    }
    if (!node.content) return node;
    return { ...node, content: node.content.map(visit).filter((n): n is JSONContent => n !== null) };
  };
  return visit(doc) ?? doc;
}

/** Public stories that show an image (lead or inline): readers see its details change. Pass the transaction if any. */
export async function findPublishedArticlesUsingMedia({ mediaId, tx }: { mediaId: string; tx?: Prisma.TransactionClient }) {
  return (tx ?? db).article.findMany({
    where: { status: { in: [...PUBLIC_STATUSES] }, OR: [{ leadImageId: mediaId }, { bodyJson: { contains: `"mediaId":"${mediaId}"` } }] },
    select: { slug: true, section: { select: { slug: true } } },
  });
}
