/**
 * Sitemaps for an archive of any size: /sitemap.xml is a sitemap index naming
 * /sitemaps/pages.xml (front page, sections, authors, staff) and /sitemaps/stories-<n>.xml, each
 * with at most 50,000 addresses as the protocol requires. Pure: the routes bring the data.
 */

export type SitemapEntry = { loc: string; lastModified?: Date };

/** The story sitemaps' numbers for this many stories (at least one, so the index is never empty of stories). */
export function storySitemapNumbers(storyCount: number, perSitemap: number): number[] {
  const files = Math.max(1, Math.ceil(storyCount / perSitemap));
  return Array.from({ length: files }, (_, i) => i + 1);
}

/** "pages.xml" → pages; "stories-3.xml" → 3; anything else → null (404). */
export function parseSitemapFile(file: string): "pages" | number | null {
  if (file === "pages.xml") return "pages";
  const m = /^stories-([1-9]\d{0,5})\.xml$/.exec(file);
  return m ? Number(m[1]) : null;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

export function renderSitemapIndex(entries: SitemapEntry[]): string {
  const items = entries.map((e) => `<sitemap><loc>${escapeXml(e.loc)}</loc>${e.lastModified ? `<lastmod>${e.lastModified.toISOString()}</lastmod>` : ""}</sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</sitemapindex>\n`;
}

export function renderUrlset(entries: SitemapEntry[]): string {
  if (entries.length > 50_000) throw new Error(`a sitemap holds at most 50,000 addresses, not ${entries.length}`);
  const items = entries.map((e) => `<url><loc>${escapeXml(e.loc)}</loc>${e.lastModified ? `<lastmod>${e.lastModified.toISOString()}</lastmod>` : ""}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</urlset>\n`;
}

export const SITEMAP_HEADERS = { "Content-Type": "application/xml; charset=utf-8" };
