/**
 * Replace a named person throughout a story body (editor JSON) and plain fields. PURE.
 * Matches whole words, case-insensitively, and also the surname alone when the name has
 * several parts ("Kim" in "Minji Kim"), so later references are covered too.
 */
type JsonNode = { type?: string; text?: string; content?: JsonNode[]; [key: string]: unknown };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function namePattern(name: string): RegExp {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const variants = [parts.join("\\s+"), ...(parts.length > 1 ? [parts[parts.length - 1]!] : [])].map((v) => v.split("\\s+").map(escapeRegExp).join("\\s+"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${variants.join("|")})(?![\\p{L}\\p{N}])`, "giu");
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
