import { Window } from "happy-dom";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { type FeedItem, renderRss } from "./feed";

const HOSTILE = [
  `<img src=x onerror="alert(1)">`,
  `<script>alert(document.cookie)</script>`,
  `<a href="javascript:alert(1)">click</a>`,
  `&lt;img src=x onerror=alert(1)&gt;`,
  `"><svg onload=alert(1)>`,
  `]]><img src=x onerror=alert(2)>`,
];

function item(headline: string, dek: string): FeedItem {
  return {
    slug: "a-story",
    headline,
    dek,
    body: "<p>The body.</p>",
    authors: [{ name: `Kim <b onclick="x()">Bold</b>` }],
    section: { name: `News <i>x</i>` },
    publishedAt: "2024-11-20T11:00:00.000Z",
    updatedAt: "2024-11-20T11:00:00.000Z",
  };
}

/** What a feed reader shows: the parsed field rendered as HTML into a document. */
function renderAsHtml(html: string) {
  const window = new Window();
  const container = window.document.createElement("div");
  container.innerHTML = html;
  return container;
}

describe("RSS titles and descriptions reach a feed reader as text", () => {
  const parser = new Parser();

  it.each(HOSTILE)("%s in a dek and a headline creates no element and keeps its characters", async (text) => {
    const xml = renderRss({ title: `Gazette ${text}`, description: `Tagline ${text}`, siteUrl: "https://paper.example", feedUrl: "https://paper.example/feed.xml", items: [item(`Headline ${text}`, `Dek ${text}`)] });
    const feed = await parser.parseString(xml);
    const [entry] = feed.items;
    for (const [field, expected] of [
      [entry.title, `Headline ${text}`],
      [entry.content, `Dek ${text}`],
      [feed.title, `Gazette ${text}`],
      [feed.description, `Tagline ${text}`],
    ] as const) {
      const shown = renderAsHtml(field ?? "");
      // No element of the dek's own exists: all of it is text, exactly as the newsroom typed it.
      expect(shown.children.length, field).toBe(0);
      expect(shown.querySelector("img, script, a, svg, b, i")).toBeNull();
      expect(shown.textContent).toBe(expected);
    }
  });

  it("keeps an ampersand and quotes readable", async () => {
    const xml = renderRss({ title: "Gazette", description: "", siteUrl: "https://paper.example", feedUrl: "https://paper.example/feed.xml", items: [item(`Tom & Jerry's "big" day`, "5 < 6 & 7 > 3")] });
    const [entry] = (await parser.parseString(xml)).items;
    expect(renderAsHtml(entry.title ?? "").textContent).toBe(`Tom & Jerry's "big" day`);
    expect(renderAsHtml(entry.content ?? "").textContent).toBe("5 < 6 & 7 > 3");
  });

  it("percent-encodes a Unicode slug in the link", async () => {
    const xml = renderRss({ title: "Gazette", description: "", siteUrl: "https://paper.example", feedUrl: "https://paper.example/feed.xml", items: [{ ...item("제주", ""), slug: "제주-바다" }] });
    const [entry] = (await parser.parseString(xml)).items;
    expect(entry.link).toBe("https://paper.example/articles/%EC%A0%9C%EC%A3%BC-%EB%B0%94%EB%8B%A4");
  });
});
