/**
 * Real clipboard HTML from Word (Chrome and Safari), Google Docs and LibreOffice, as captured
 * by others (fixtures/clipboard/SOURCES.md), through the paste normalisation and the server's
 * story schema. The browser runs the same cleanOfficeHtml on paste (office-paste.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { cleanOfficeHtml, isOfficeHtml } from "./paste-office";
import { renderBodyFromHtml } from "./render";

const clip = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures/clipboard", name), "utf8");

/** What the browser does on paste: DOMParser, then cleanOfficeHtml with heading ranking. */
function pasteClean(html: string) {
  const window = new Window();
  try {
    return cleanOfficeHtml(html, (h) => new window.DOMParser().parseFromString(h, "text/html") as unknown as Document, { rankHeadings: true });
  } finally {
    void window.happyDOM.close();
  }
}

/** A paste as it is stored: cleaned in the browser, then through the server's schema. */
const stored = (html: string) => renderBodyFromHtml(pasteClean(html).html);

describe("Word lists through the clipboard (issue 13, item 10)", () => {
  const nestedMixed =
    "<ul><li><p>A1</p><ol><li><p>B2</p><ul><li><p>C4</p></li></ul><ol start=\"2\"><li><p>D3</p></li></ol></li></ol></li><li><p>E1</p><ol><li><p>F2</p></li></ol></li></ul>";

  it("rebuilds a nested mixed list from the mso-list levels (Chrome on Windows)", () => {
    const r = renderBodyFromHtml(clip("word-nested-mixed-list.chrome.html"));
    expect(r.html).toBe(nestedMixed);
    expect(r.text).not.toMatch(/[·\u00a0]|1\)/);
    expect(r.wordCount).toBe(6);
  });

  it("rebuilds the same list from Safari's capture of the same paste", () => {
    expect(renderBodyFromHtml(clip("word-nested-mixed-list.safari.html")).html).toBe(nestedMixed);
    expect(stored(clip("word-nested-mixed-list.safari.html")).html).toBe(nestedMixed);
  });

  it("keeps a numbered list pasted in Safari (`1. Item1`) as a list", () => {
    const r = stored(clip("word-simple-list.safari.html"));
    expect(r.html).toBe("<ol><li><p>Item1</p></li><li><p>Item 2</p></li></ol>");
    expect(r.text).not.toMatch(/^1\./m);
  });

  it("keeps separate lists separate, numbered and bulleted by their markers", () => {
    expect(stored(clip("word-multiple-lists.html")).html).toBe("<ol><li><p>Item1</p></li><li><p>Item 2</p></li></ol><p>Some text</p><ul><li><p>Bullet 1</p></li></ul>");
  });

  it("drops the typed bullet from list-numbered headings, keeping their formatting", () => {
    const r = stored(clip("word-list-in-heading.html"));
    expect(r.html).toBe("<h2>H<strong>2 1</strong></h2><h2><em>H</em>2 2</h2>");
    expect(r.text).not.toContain("·");
  });
});

describe("Google Docs lists (issue 13, item 11)", () => {
  it("a paste that starts inside a nested list has no empty items and every level stays numbered", () => {
    const r = stored(clip("gdocs-starts-mid-list.html"));
    const items = r.html.match(/<li>/g) ?? [];
    expect(items).toHaveLength(10);
    expect(r.html).not.toMatch(/<li><p><\/p>|<li><(ul|ol)>/);
    expect(r.html).not.toContain("<ul>");
    expect(r.text.split(/\s+/)).toEqual(["F5", "G3", "H3", "I4", "J4", "K1", "L5", "M4", "N3", "O2"]);
    // One list, not a stack of separate ones: the paste starts at level 5 (F5), whose parents
    // are not in it, so F5 stands beside G3 and H3; I4 is nested under H3 and J4 under I4; the
    // deep items after K1 (L5, M4, N3, O2) are one list under K1.
    const li = (t: string, inner = "") => `<li><p>${t}</p>${inner}</li>`;
    expect(r.html).toBe(
      `<ol>${li("F5")}${li("G3")}${li("H3", `<ol>${li("I4", `<ol>${li("J4")}</ol>`)}</ol>`)}${li("K1", `<ol>${li("L5")}${li("M4")}${li("N3")}${li("O2")}</ol>`)}</ol>`,
    );
  });

  it("drops an empty trailing item", () => {
    expect(stored(clip("gdocs-empty-list-item.html")).html).toBe("<ul><li><p>Item 1</p></li></ul>");
  });
});

describe("tables through the clipboard (issue 13, item 12)", () => {
  it("keeps a Word table as a table, cell by cell, in a scrolling region", () => {
    const r = stored(clip("word-table.html"));
    expect(r.html.startsWith('<div class="table-scroll" role="region" tabindex="0" aria-label="Table"><table><tbody><tr><td><p><strong>Project Phase</strong></p></td>')).toBe(true);
    expect(r.html.match(/<tr>/g)).toHaveLength(4);
    expect(r.html.match(/<td>/g)).toHaveLength(12);
    expect(r.html).not.toMatch(/style=|width=|class="Mso/);
    expect(r.text).toContain("Phase 3: Rollout to Production");
  });

  it("keeps a LibreOffice table's header cells and merged cells", () => {
    const r = stored(clip("libreoffice-election-night.html"));
    expect(r.html).toContain("<tr><th><p>Candidate</p></th><th><p>Votes</p></th><th><p>Share</p></th></tr>");
    expect(r.html).toContain('<td colspan="2"><p>Spoilt ballots</p></td>');
  });

  it("flattens a table inside a cell and says so", () => {
    const { html, warnings } = pasteClean(clip("libreoffice-election-night.html"));
    expect(warnings).toContain("A table inside a table cell lost its grid: the text is kept in the outer cell, one paragraph per cell.");
    const r = renderBodyFromHtml(html);
    expect(r.html.match(/<table>/g)).toHaveLength(2);
    expect(r.html).toContain("<p>Year 12</p><p>Boarders</p><p>80%</p><p>Day</p><p>64%</p>");
  });
});

describe("headings (issue 13, item 13)", () => {
  it("ranks an office paste's Heading 1–6 onto the editor's two sizes and names the merged levels", () => {
    const { html, warnings } = pasteClean(clip("libreoffice-election-night.html"));
    const r = renderBodyFromHtml(html);
    expect(r.html).toContain("<h2>Election night</h2>");
    expect(r.html).toContain("<h3>A section for the results</h3>");
    for (const h of ["Turnout", "By year group", "A note on method", "Smallest heading"]) expect(r.html).toContain(`<h3>${h}</h3>`);
    expect(warnings).toContain("Heading 2, Heading 3, Heading 4, Heading 5 and Heading 6 all became small subheadings: the editor has two heading sizes.");
  });

  it("leaves HTML from anywhere else alone: an h3 stays an h3", () => {
    expect(isOfficeHtml("<h3>Results</h3><p>Text</p>")).toBe(false);
    expect(renderBodyFromHtml("<h3>Results</h3><p>Text</p>").html).toBe("<h3>Results</h3><p>Text</p>");
  });

  it("knows office HTML when it sees it", () => {
    for (const f of ["word-table.html", "word-simple-list.safari.html", "gdocs-starts-mid-list.html", "libreoffice-election-night.html"]) expect(isOfficeHtml(clip(f))).toBe(true);
  });
});

describe("notes and in-page links (issue 13, item 14)", () => {
  it("turns LibreOffice footnotes and endnotes into numbered notes whose links go both ways", () => {
    const r = stored(clip("libreoffice-election-night.html"));
    expect(r.html).toContain('closed at nine<a rel="noopener noreferrer nofollow" href="#story-note-1" id="story-note-ref-1">[1]</a> and the count');
    expect(r.html).toContain('by hand.<a rel="noopener noreferrer nofollow" href="#story-note-3" id="story-note-ref-3">[3]</a>');
    expect(r.html).toMatch(
      /<h2>Notes<\/h2><ol><li><p><a rel="noopener noreferrer nofollow" href="#story-note-ref-1" id="story-note-1">↑<\/a> Nine in the evening, school time.<\/p><\/li><li>.*id="story-note-2".*Figures from the returning officer.*id="story-note-3">↑<\/a> The count was observed by both campaigns.<\/p><\/li><\/ol>$/,
    );
    // Every in-page link has its target in the story.
    const ids = new Set([...r.html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    for (const [, target] of r.html.matchAll(/href="#([^"]+)"/g)) expect(ids.has(target)).toBe(true);
  });

  it("unlinks table-of-contents links and bookmarks whose targets the story does not keep", () => {
    const r = stored(clip("libreoffice-election-night.html"));
    expect(r.html.startsWith("<p>Contents: the results</p><p>Contents: turnout</p>")).toBe(true);
    expect(r.html).not.toMatch(/_A_section_for|_Toc_turnout|sdfootnote|sdendnote/);
  });

  it("drops Word's bookmark anchors and keeps their text and the real link", () => {
    const r = stored(clip("word-bookmarks.html"));
    expect(r.html).toBe(
      '<p><a rel="noopener noreferrer nofollow" href="http://ckeditor.com/">Link (not a bookmark).</a></p><ul><li><p>List item 1</p></li><li><p>List item 2</p></li><li><p>List item 3</p></li></ul><p>Two bookmarks on the same text.</p>',
    );
  });

  it("keeps only note ids: any other id on a link goes, and a link to it is unlinked", () => {
    const r = renderBodyFromHtml('<p><a href="#comments" id="comments">a</a> <a href="https://example.com/" id="story-note-x">b</a> <a href="#story-note-1" id="story-note-ref-1">[1]</a></p><p><a href="#story-note-ref-1" id="story-note-1">↑</a> Note.</p>');
    expect(r.html).toBe(
      '<p>a <a rel="noopener noreferrer nofollow" href="https://example.com/">b</a> <a rel="noopener noreferrer nofollow" href="#story-note-1" id="story-note-ref-1">[1]</a></p><p><a rel="noopener noreferrer nofollow" href="#story-note-ref-1" id="story-note-1">↑</a> Note.</p>',
    );
  });
});

describe("the normalisation is stable", () => {
  it.each(["word-nested-mixed-list.chrome.html", "word-table.html", "gdocs-starts-mid-list.html", "libreoffice-election-night.html", "word-bookmarks.html"])(
    "saving %s again changes nothing",
    (name) => {
      const once = stored(clip(name));
      expect(renderBodyFromHtml(once.html).html).toBe(once.html);
      expect(stored(once.html).html).toBe(once.html);
    },
  );
});
