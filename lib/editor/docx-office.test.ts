// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser } from "@/lib/testing/db";
import { importDocxForActor } from "@/lib/testing/use-cases";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importDocx } from "./docx";

/**
 * Real .docx files: written by LibreOffice (fixtures/docx/*.source.html, converted headless),
 * by Word (CKEditor's paste-from-office test data) and by Word for mammoth's own tests.
 * fixtures/docx/SOURCES.md says where each comes from.
 */
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures/docx", name));

describe("tables in a .docx (issue 13, item 12)", () => {
  it("keeps a Word table (mammoth's test document) between its paragraphs", async () => {
    const { body, warnings } = await importDocx(fixture("mammoth-tables.docx"));
    expect(body).toBe(
      '<p>Above</p><div class="table-scroll" role="region" tabindex="0" aria-label="Table"><table><tbody><tr><td><p>Top left</p></td><td><p>Top right</p></td></tr><tr><td><p>Bottom left</p></td><td><p>Bottom right</p></td></tr></tbody></table></div><p>Below</p>',
    );
    expect(warnings).toEqual([]);
  });

  it("keeps a Word table with bold header text", async () => {
    const { body } = await importDocx(fixture("word-table.docx"));
    expect(body.match(/<tr>/g)).toHaveLength(4);
    expect(body).toContain("<td><p><strong>Project Phase</strong></p></td>");
  });

  it("keeps LibreOffice's header row and merged cells, flattens a table in a cell and moves a photo out of one, saying both", async () => {
    const { body, images, warnings } = await importDocx(fixture("libreoffice-election-night.docx"));
    expect(body).toContain("<tr><th><p>Candidate</p></th><th><p>Votes</p></th><th><p>Share</p></th></tr>");
    expect(body).toContain('<td colspan="2"><p>Spoilt ballots</p></td>');
    expect(body).toContain("<td><p>Year 12</p><p>Boarders</p><p>80%</p><p>Day</p><p>64%</p></td>");
    expect(body).toContain('<td><p>Winner\'s photo</p></td></tr></tbody></table></div><div data-docx-image="image-1"></div>');
    expect(images.map((i) => i.key)).toEqual(["image-1"]);
    expect(warnings).toEqual([
      "A table inside a table cell lost its grid: the text is kept in the outer cell, one paragraph per cell.",
      "Heading 2, Heading 3, Heading 4, Heading 5 and Heading 6 all became small subheadings: the editor has two heading sizes.",
      "A photo inside a table was placed after the table: a table cell holds text only.",
    ]);
  });
});

describe("headings in a .docx (issue 13, item 13)", () => {
  it("maps Heading 1 to a subheading and Heading 2 to a small one, with nothing to warn about", async () => {
    const { body, warnings } = await importDocx(fixture("libreoffice-headings.docx"));
    expect(body).toBe(
      "<p>Match report</p><h2>First half</h2><p>The home side scored twice.</p><h3>Substitutions</h3><p>Two changes at the break.</p><h2>Second half</h2><p>No further goals.</p>",
    );
    expect(warnings).toEqual([]);
  });

  it("maps Heading 1–6 by rank: 1 → subheading, 2–6 → small subheading", async () => {
    const { body } = await importDocx(fixture("libreoffice-election-night.docx"));
    expect(body).toContain("<h2>Election night</h2>");
    for (const h of ["A section for the results", "Turnout", "By year group", "A note on method", "Smallest heading"]) expect(body).toContain(`<h3>${h}</h3>`);
  });

  it("keeps Word's numbered headings as headings", async () => {
    expect((await importDocx(fixture("word-numbered-headings.docx"))).body).toBe("<h2>H1 1</h2><h2>H1 2</h2>");
  });
});

describe("lists in a .docx", () => {
  it("gives Word's nested mixed list no empty item where Word skips a level", async () => {
    expect((await importDocx(fixture("word-nested-mixed-list.docx"))).body).toBe(
      "<ul><li><p>A1</p><ol><li><p>B2</p><ul><li><p>C4</p></li></ul><ol><li><p>D3</p></li></ol></li></ol></li><li><p>E1</p><ol><li><p>F2</p></li></ol></li></ul>",
    );
  });
});

describe("footnotes, endnotes and bookmarks in a .docx (issue 13, item 14)", () => {
  const notes = (kind: string) =>
    `<p>Ouch<a rel="noopener noreferrer nofollow" href="#story-note-1" id="story-note-ref-1">[1]</a>.<a rel="noopener noreferrer nofollow" href="#story-note-2" id="story-note-ref-2">[2]</a></p><h2>Notes</h2><ol><li><p><a rel="noopener noreferrer nofollow" href="#story-note-ref-1" id="story-note-1">↑</a> A tachyon walks into a bar.</p></li><li><p><a rel="noopener noreferrer nofollow" href="#story-note-ref-2" id="story-note-2">↑</a> Fin.</p></li></ol>${kind}`;

  it("keeps Word footnotes as endnotes with working links both ways", async () => {
    expect((await importDocx(fixture("mammoth-footnotes.docx"))).body).toBe(notes(""));
  });

  it("keeps Word endnotes the same way", async () => {
    expect((await importDocx(fixture("mammoth-endnotes.docx"))).body).toBe(notes(""));
  });

  it("keeps a link inside a footnote", async () => {
    expect((await importDocx(fixture("mammoth-footnote-hyperlink.docx"))).body).toContain(
      '<a rel="noopener noreferrer nofollow" href="#story-note-ref-1" id="story-note-1">↑</a> <a rel="noopener noreferrer nofollow" href="http://www.example.com">Example</a>',
    );
  });

  it("numbers LibreOffice's footnotes and endnote in reading order and unlinks its table of contents", async () => {
    const { body } = await importDocx(fixture("libreoffice-election-night.docx"));
    expect(body.startsWith("<p>Contents: the results</p><p>Contents: turnout</p>")).toBe(true);
    expect(body).toMatch(/Nine in the evening, school time\..*Figures from the returning officer\..*The count was observed by both campaigns\.<\/p><\/li><\/ol>$/);
    const ids = new Set([...body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...body.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toHaveLength(6);
    for (const t of targets) expect(ids.has(t)).toBe(true);
  });

  it("drops Word's bookmarks and keeps their text", async () => {
    expect((await importDocx(fixture("word-bookmarks.docx"))).body).toBe(
      '<p><a rel="noopener noreferrer nofollow" href="http://ckeditor.com/">Link (not a bookmark).</a></p><ul><li><p>List item 1</p></li><li><p>List item 2</p></li><li><p>List item 3</p></li></ul><p>Two bookmarks on the same text.</p>',
    );
  });
});

describe("the import use case", () => {
  it("reports what the document could not keep, before the photos left out", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const result = await importDocxForActor({ actor: actorFor(writer), input: { file: { name: "election.docx", data: fixture("libreoffice-election-night.docx") } } });
    expect(result.warnings.slice(0, 3)).toEqual([
      "A table inside a table cell lost its grid: the text is kept in the outer cell, one paragraph per cell.",
      "Heading 2, Heading 3, Heading 4, Heading 5 and Heading 6 all became small subheadings: the editor has two heading sizes.",
      "A photo inside a table was placed after the table: a table cell holds text only.",
    ]);
    expect(result.warnings.length).toBe(3 + result.failedImages.length);
  });
});
