/**
 * URL slugs. PURE. A slug keeps the letters and digits of every script (a Korean headline keeps
 * its Hangul), lowercased, with Latin accents dropped ("Café" -> "cafe") and everything else a
 * single hyphen; links percent-encode the non-ASCII part (lib/site.ts), so they still survive
 * copy, paste and old software. NFKD splits Hangul syllables into jamo, so the text is put back
 * together (NFC) once the Latin accents are gone.
 */
export function slugify(text: string, maxLength = 80, fallback = "story"): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  // By code point, so a cut never splits a character outside the Basic Multilingual Plane.
  const slug = Array.from(words).slice(0, maxLength).join("").replace(/-+$/g, "");
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
 * A slug that tells names apart: "시리아" and "이란" must not share a tag page. A name whose
 * letters slugify cannot keep gets the fallback plus a hash of the name.
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
