import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { importDocx } from "./docx";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A real .docx (a zip of WordprocessingML), the way Word or a Google Docs download makes one. */
async function docx(body: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.crisisgroup.org/" TargetMode="External"/><Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`,
  );
  zip.file(
    "word/numbering.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
  );
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer" });
}

const p = (inner: string, props = "") => `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${inner}</w:p>`;
const run = (text: string, props = "") => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}<w:t xml:space="preserve">${text}</w:t></w:r>`;

describe("importDocx", () => {
  it("keeps headings, paragraphs, bold, italic, links and lists, in the story schema", async () => {
    const file = await docx(
      p(run("Syrian insurgents enter Aleppo"), '<w:pStyle w:val="Heading1"/>') +
        p(run("Opposition forces ") + run("have entered", "<w:b/>") + run(" Aleppo ") + run("on Friday", "<w:i/>") + run(".")) +
        p(`<w:hyperlink r:id="rIdLink">${run("International Crisis Group")}</w:hyperlink>`) +
        p(run("Hezbollah is distracted"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>') +
        p(run("Russia is bogged down"), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'),
    );
    const { body, images, warnings } = await importDocx(file);
    expect(body).toContain("<h2>Syrian insurgents enter Aleppo</h2>");
    expect(body).toContain("<strong>have entered</strong>");
    expect(body).toContain("<em>on Friday</em>");
    expect(body).toMatch(/<a [^>]*href="https:\/\/www\.crisisgroup\.org\/"[^>]*>International Crisis Group<\/a>/);
    expect(body).toMatch(/<ul><li><p>Hezbollah is distracted<\/p><\/li><li><p>Russia is bogged down<\/p><\/li><\/ul>/);
    expect(body).not.toMatch(/style=|class=/);
    expect(images).toBe(0);
    expect(warnings).toEqual([]);
  });

  it("refuses a file that is not a .docx, by its bytes", async () => {
    await expect(importDocx(Buffer.from("just some text named story.docx"))).rejects.toMatchObject({ code: "VALIDATION", fields: { file: expect.stringContaining("not a .docx") } });
    const notWord = new JSZip();
    notWord.file("hello.txt", "a zip, but not a Word document");
    await expect(importDocx(await notWord.generateAsync({ type: "nodebuffer" }))).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
