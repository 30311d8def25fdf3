/**
 * Replace a named person throughout a story body (editor JSON) and plain fields. PURE.
 * Matches whole words, case-insensitively, and also the surname alone when the name has
 * several parts ("Kim" in "Minji Kim"), so later references are covered too.
 */
import { slugify } from "./slug";

type JsonNode = { type?: string; text?: string; content?: JsonNode[]; [key: string]: unknown };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The forms of a name that count as naming the person: the full name and, if it has several parts, the surname. */
function nameVariants(name: string): string[][] {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return [parts, ...(parts.length > 1 ? [[parts[parts.length - 1]!]] : [])];
}

export function namePattern(name: string): RegExp {
  const variants = nameVariants(name).map((words) => words.map(escapeRegExp).join("\\s+"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${variants.join("|")})(?![\\p{L}\\p{N}])`, "giu");
}

/**
 * True when a URL slug names the person, as whole slug words ("nadia-okafor" or "okafor" in
 * "captain-nadia-okafor-rebuilds-the-arm"), including a name cut off at the slug's length limit
 * ("…-led-by-nadia-oka"). Such a story needs a new slug when the name is removed.
 */
export function slugNamesPerson(slug: string, name: string): boolean {
  const padded = `-${slug}-`;
  return nameVariants(name).some((words) => {
    const named = slugify(words.join(" "), Number.POSITIVE_INFINITY, "");
    if (!named) return false;
    if (padded.includes(`-${named}-`)) return true;
    for (let n = named.length - 1; n >= 3; n--) if (padded.endsWith(`-${named.slice(0, n)}-`)) return true;
    return false;
  });
}

export function anonymizeText(text: string, name: string, replacement: string): string {
  return text.replace(namePattern(name), replacement);
}

/** What a figure shows readers besides the image: its caption, credit and alt text. */
const FIGURE_TEXT_ATTRS = ["caption", "credit", "alt"];

export function anonymizeDoc<T extends JsonNode>(doc: T, name: string, replacement: string): T {
  const walk = (node: JsonNode): JsonNode => ({
    ...node,
    ...(typeof node.text === "string" ? { text: anonymizeText(node.text, name, replacement) } : {}),
    ...(node.attrs && typeof node.attrs === "object"
      ? {
          attrs: Object.fromEntries(
            Object.entries(node.attrs as Record<string, unknown>).map(([k, v]) => [k, FIGURE_TEXT_ATTRS.includes(k) && typeof v === "string" ? anonymizeText(v, name, replacement) : v]),
          ),
        }
      : {}),
    ...(node.content ? { content: node.content.map(walk) } : {}),
  });
  return walk(doc) as T;
}

/**
 * Only the figures showing one of `mediaIds` rewritten (their caption, credit and alt text): a
 * photo from the media library that another story shares, in that other story's body.
 */
export function anonymizeFigures<T extends JsonNode>(doc: T, mediaIds: ReadonlySet<string>, name: string, replacement: string): T {
  const walk = (node: JsonNode): JsonNode => {
    const attrs = node.attrs as Record<string, unknown> | undefined;
    if (node.type === "figure" && attrs && mediaIds.has(String(attrs.mediaId ?? ""))) return anonymizeDoc(node, name, replacement);
    return node.content ? { ...node, content: node.content.map(walk) } : node;
  };
  return walk(doc) as T;
}

/** A name's forms in addresses ("nadia-okafor", "okafor"), for slug-like words. */
function slugVariants(name: string): string[] {
  return nameVariants(name)
    .map((words) => slugify(words.join(" "), Number.POSITIVE_INFINITY, ""))
    .filter(Boolean);
}

/**
 * `anonymizeText` for any stored string, addresses included: inside slug-like words
 * ("robotics-captain-nadia-okafor-rebuilds") the name's slug form gives way to the
 * replacement's ("robotics-captain-a-former-student-rebuilds"), then prose as usual.
 */
export function anonymizeString(text: string, name: string, replacement: string): string {
  const variants = slugVariants(name);
  const asSlug = slugify(replacement, Number.POSITIVE_INFINITY, "") || "removed";
  const inSlug = variants.length > 0 ? new RegExp(`(?<![a-z0-9])(?:${variants.map(escapeRegExp).join("|")})(?![a-z0-9])`, "g") : null;
  const slugged = inSlug ? text.replace(/[a-z0-9]+(?:-[a-z0-9]+)+/g, (word) => word.replace(inSlug, asSlug)) : text;
  return anonymizeText(slugged, name, replacement);
}

/** Every string anywhere in a JSON value (an audit entry's details), keys kept. */
export function anonymizeJson(value: unknown, name: string, replacement: string): unknown {
  if (typeof value === "string") return anonymizeString(value, name, replacement);
  if (Array.isArray(value)) return value.map((v) => anonymizeJson(v, name, replacement));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, anonymizeJson(v, name, replacement)]));
  return value;
}
