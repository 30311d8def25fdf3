/** RSS 2.0 with full story content. PURE: takes plain story data, returns XML text. */
export type FeedItem = {
  slug: string;
  headline: string;
  dek: string;
  body: string;
  authors: { name: string }[];
  section: { name: string } | null;
  publishedAt: string | null;
  updatedAt: string;
  corrections?: { kind: "CORRECTION" | "EDITORS_NOTE"; body: string; createdAt: string }[];
};

/** Corrections go into the entry's content too, so feed readers see them. */
function withCorrections(item: FeedItem): string {
  const notes = (item.corrections ?? [])
    .map((c) => `<p><strong>${c.kind === "CORRECTION" ? "Correction" : "Editor’s note"} (${c.createdAt.slice(0, 10)}):</strong> ${escapeXml(c.body)}</p>`)
    .join("");
  return notes ? `${notes}${item.body}` : item.body;
}

/**
 * Plain text (a headline, a dek, a name) for an RSS text element. Feed readers render
 * <title> and <description> as HTML, so the text is escaped for HTML first and the result for
 * XML: a dek reading `<img src=x onerror=…>` reaches the reader as those characters, not as an
 * element. (Escaping once only survives the XML parser; the HTML renderer then sees a tag.)
 */
export function feedText(text: string): string {
  return escapeXml(escapeXml(text));
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) =>
    c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : c === "'" ? "&apos;" : c === '"' ? "&quot;" : "",
  );
}

/** CDATA cannot contain "]]>"; split it across two sections. */
function cdata(text: string): string {
  const clean = text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
  return `<![CDATA[${clean.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

export function renderRss({ title, description, siteUrl, feedUrl, items }: { title: string; description: string; siteUrl: string; feedUrl: string; items: FeedItem[] }): string {
  const entries = items
    .map((item) => {
      const link = `${siteUrl}/articles/${encodeURIComponent(item.slug)}`;
      const date = new Date(item.publishedAt ?? item.updatedAt).toUTCString();
      return [
        "    <item>",
        `      <title>${feedText(item.headline)}</title>`,
        `      <link>${escapeXml(link)}</link>`,
        `      <guid isPermaLink="true">${escapeXml(link)}</guid>`,
        `      <pubDate>${date}</pubDate>`,
        ...item.authors.map((a) => `      <dc:creator>${feedText(a.name)}</dc:creator>`),
        ...(item.section ? [`      <category>${feedText(item.section.name)}</category>`] : []),
        `      <description>${feedText(item.dek)}</description>`,
        `      <content:encoded>${cdata(withCorrections(item))}</content:encoded>`,
        "    </item>",
      ].join("\n");
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${feedText(title)}</title>
    <link>${escapeXml(siteUrl)}/</link>
    <description>${feedText(description)}</description>
    <atom:link href="${escapeXml(feedUrl)}" rel="self" type="application/rss+xml"/>
    <language>en</language>
${entries}
  </channel>
</rss>
`;
}
