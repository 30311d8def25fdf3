/**
 * .docx packages for tests: real zips of WordprocessingML, the way Word or a Google Docs
 * download makes them, built in memory (no fixture file, so no licence to track). Depends on
 * nothing but JSZip, so any test can use it.
 */
import JSZip from "jszip";

/** The namespaces a document.xml declares (text, relationships, drawings, pictures). */
export const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A picture's relationship: a file in word/media, or a linked (external) address. */
export type DocxPicture = { id: string; file: string; data: Buffer } | { id: string; linked: string };

/**
 * A .docx whose body is `body` (WordprocessingML paragraphs), with `pictures` in word/media,
 * a hyperlink relationship `rIdLink` and a bullet list numbering `numId` 1.
 */
export async function docx(body: string, pictures: DocxPicture[] = []): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="emf" ContentType="image/x-emf"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`);
  const pictureRels = pictures
    .map((p) =>
      "linked" in p
        ? `<Relationship Id="${p.id}" Type="${REL}/image" Target="${p.linked}" TargetMode="External"/>`
        : `<Relationship Id="${p.id}" Type="${REL}/image" Target="media/${p.file}"/>`,
    )
    .join("");
  zip.file(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLink" Type="${REL}/hyperlink" Target="https://www.crisisgroup.org/" TargetMode="External"/><Relationship Id="rIdNum" Type="${REL}/numbering" Target="numbering.xml"/>${pictureRels}</Relationships>`,
  );
  for (const p of pictures) if (!("linked" in p)) zip.file(`word/media/${p.file}`, p.data);
  zip.file(
    "word/numbering.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
  );
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer" });
}

/** An inline picture as Word writes it: a run with a drawing whose blip points at a relationship. */
export const picture = (relId: string, { descr = "", title = "", linked = false } = {}) =>
  `<w:r><w:drawing><wp:inline><wp:extent cx="3048000" cy="1905000"/><wp:docPr id="1" name="Picture" descr="${descr}" title="${title}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip ${linked ? "r:link" : "r:embed"}="${relId}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
