/**
 * A print-ready PDF of an issue with pdfkit (pure JavaScript, no browser on the server): a cover
 * with the masthead, a table of contents, then each story with its byline, lead image, caption
 * and credit. Takes plain data, returns the bytes.
 */
import PDFDocument from "pdfkit";

export type PdfStory = {
  headline: string;
  dek: string;
  section: string | null;
  byline: string;
  published: string;
  paragraphs: string[];
  image: { data: Buffer; caption: string; credit: string; alt: string } | null;
  corrections: string[];
};

export type PdfIssue = { publication: string; tagline: string; volumeLabel: string; title: string; date: string; stories: PdfStory[] };

/** pdfkit's built-in fonts cover Western European text; other characters are dropped, not garbled. */
function printable(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, "-").replace(/…/g, "...").replace(/[^\x20-\x7e\xa0-\xff\n]/g, "");
}

export function renderIssuePdf(issue: PdfIssue): Promise<Buffer> {
  const doc = new PDFDocument({ size: "LETTER", margins: { top: 60, bottom: 60, left: 64, right: 64 }, info: { Title: `${issue.publication}: ${issue.title}`, Author: issue.publication } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 128;

  // Cover: the masthead.
  doc.moveDown(6).font("Times-Bold").fontSize(44).text(printable(issue.publication), { align: "center" });
  if (issue.tagline) doc.moveDown(0.5).font("Times-Italic").fontSize(14).text(printable(issue.tagline), { align: "center" });
  doc.moveDown(1).moveTo(64, doc.y).lineTo(64 + width, doc.y).lineWidth(2).stroke();
  doc.moveDown(1).font("Helvetica-Bold").fontSize(16).text(printable(`${issue.volumeLabel} - ${issue.title}`), { align: "center" });
  doc.font("Helvetica").fontSize(12).text(printable(issue.date), { align: "center" });

  // Contents.
  doc.moveDown(3).font("Helvetica-Bold").fontSize(14).text("In this issue");
  doc.moveDown(0.5);
  issue.stories.forEach((s, i) => {
    doc.font("Times-Bold").fontSize(12).text(printable(`${i + 1}. ${s.headline}`), { continued: false });
    doc.font("Times-Italic").fontSize(10).text(printable([s.section, s.byline].filter(Boolean).join(" - ")));
    doc.moveDown(0.3);
  });

  for (const story of issue.stories) {
    doc.addPage();
    if (story.section) doc.font("Helvetica-Bold").fontSize(10).fillColor("#9b1c1c").text(printable(story.section.toUpperCase())).fillColor("#000000");
    doc.font("Times-Bold").fontSize(24).text(printable(story.headline));
    if (story.dek) doc.moveDown(0.3).font("Times-Italic").fontSize(13).text(printable(story.dek));
    doc.moveDown(0.4).font("Helvetica").fontSize(10).text(printable(`By ${story.byline}`));
    doc.font("Helvetica").fontSize(9).fillColor("#444444").text(printable(story.published)).fillColor("#000000");
    if (story.image) {
      doc.moveDown(0.6);
      try {
        doc.image(story.image.data, { fit: [width, 260], align: "center" });
      } catch {
        // A missing rendition leaves the caption; the issue still prints.
      }
      doc.moveDown(0.3).font("Helvetica-Oblique").fontSize(9).text(printable([story.image.caption, story.image.credit ? `Credit: ${story.image.credit}` : ""].filter(Boolean).join(" ")));
    }
    doc.moveDown(0.8).font("Times-Roman").fontSize(11);
    for (const p of story.paragraphs) doc.text(printable(p), { align: "justify", paragraphGap: 6 });
    for (const c of story.corrections) doc.moveDown(0.3).font("Helvetica-Oblique").fontSize(9).text(printable(c));
  }
  doc.end();
  return done;
}
