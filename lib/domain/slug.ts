/** URL slugs. PURE. Slugs are ASCII so every link survives copy, paste and old software. */
export function slugify(text: string, maxLength = 80, fallback = "story"): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return slug || fallback;
}

/** A short, stable hash (FNV-1a, 32-bit) as 8 hex digits. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * A slug that tells names apart even when they have no Latin letters: "시리아" and "이란" must
 * not share a tag page. Such names get the fallback plus a hash of the name.
 */
export function distinctSlug(text: string, maxLength: number, fallback: string): string {
  const slug = slugify(text, maxLength, "");
  if (slug) return slug;
  const name = text.normalize("NFC").trim().toLowerCase();
  return /[\p{L}\p{N}]/u.test(name) ? `${fallback}-${shortHash(name)}` : fallback;
}

/** The first of `base`, `base-2`, `base-3`... that `taken` does not contain. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
