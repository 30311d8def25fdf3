import JSZip from "jszip";
import sharp from "sharp";

// The Word file e2e/docx-import.spec.ts and e2e/two-instances.pg.ts import.

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const para = (inner: string) => `<w:p>${inner}</w:p>`;
const run = (text: string) => `<w:r><w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;
const picture = (relId: string) =>
  `<w:r><w:drawing><wp:inline><wp:extent cx="3048000" cy="1905000"/><wp:docPr id="1" name="Picture"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="${relId}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;

/** A Word file as a reporter would send it: the Aleppo story with a map, a photo and a Word drawing. */
export async function storyDocx(paragraphs: string[]): Promise<Buffer> {
  const map = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#c8a165" } }).png().toBuffer();
  const photo = await sharp({ create: { width: 480, height: 320, channels: 3, background: "#3366aa" } })
    .jpeg()
    .withMetadata({ exif: { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "36/1 12/1 7/1" } } })
    .toBuffer();
  const drawing = Buffer.alloc(108);
  drawing.writeUInt32LE(1, 0);
  drawing.write(" EMF", 40, "latin1");

  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="emf" ContentType="image/x-emf"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdMap" Type="${REL}/image" Target="media/image1.png"/><Relationship Id="rIdPhoto" Type="${REL}/image" Target="media/image2.jpeg"/><Relationship Id="rIdChart" Type="${REL}/image" Target="media/image3.emf"/></Relationships>`,
  );
  zip.file("word/media/image1.png", map);
  zip.file("word/media/image2.jpeg", photo);
  zip.file("word/media/image3.emf", drawing);
  const [first, second, ...rest] = paragraphs;
  const body =
    para(run(first!)) + para(picture("rIdMap")) + para(run(second!)) + para(picture("rIdPhoto")) + rest.map((p) => para(run(p))).join("") + para(picture("rIdChart"));
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer" });
}
