import { describe, expect, it } from "vitest";
import { parseSitemapFile, renderSitemapIndex, renderUrlset, storySitemapNumbers } from "./sitemap";

describe("sitemap index", () => {
  it("splits stories into files of at most 50,000 addresses", () => {
    expect(storySitemapNumbers(0, 50_000)).toEqual([1]);
    expect(storySitemapNumbers(50_000, 50_000)).toEqual([1]);
    expect(storySitemapNumbers(50_001, 50_000)).toEqual([1, 2]);
    expect(storySitemapNumbers(120_001, 50_000)).toEqual([1, 2, 3]);
  });

  it("names files it serves and nothing else", () => {
    expect(parseSitemapFile("pages.xml")).toBe("pages");
    expect(parseSitemapFile("stories-3.xml")).toBe(3);
    for (const bad of ["stories-0.xml", "stories-03.xml", "stories-1", "stories-1.xml.gz", "../pages.xml", "stories-9999999.xml"]) expect(parseSitemapFile(bad)).toBeNull();
  });

  it("renders an index and a urlset, escaped, and refuses a urlset over the protocol's limit", () => {
    const index = renderSitemapIndex([{ loc: "https://paper.example/sitemaps/pages.xml" }, { loc: "https://paper.example/sitemaps/stories-1.xml?a=1&b=2" }]);
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(index).toContain("<sitemap><loc>https://paper.example/sitemaps/stories-1.xml?a=1&amp;b=2</loc></sitemap>");
    const set = renderUrlset([{ loc: "https://paper.example/articles/a", lastModified: new Date("2026-01-02T03:04:05Z") }]);
    expect(set).toContain("<url><loc>https://paper.example/articles/a</loc><lastmod>2026-01-02T03:04:05.000Z</lastmod></url>");
    const tooMany = Array.from({ length: 50_001 }, (_, i) => ({ loc: `https://paper.example/articles/${i}` }));
    expect(() => renderUrlset(tooMany)).toThrow(/at most 50,000/);
    expect(renderUrlset(tooMany.slice(1)).match(/<url>/g)).toHaveLength(50_000);
  });
});
