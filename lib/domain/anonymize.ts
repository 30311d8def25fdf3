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

export function anonymizeDoc<T extends JsonNode>(doc: T, name: string, replacement: string): T {
  const walk = (node: JsonNode): JsonNode => ({
    ...node,
    ...(typeof node.text === "string" ? { text: anonymizeText(node.text, name, replacement) } : {}),
    ...(node.content ? { content: node.content.map(walk) } : {}),
  });
  return walk(doc) as T;
}
