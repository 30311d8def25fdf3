import "server-only";
import mammoth from "mammoth";
import { AppError } from "@/lib/errors";
import { renderBodyFromHtml } from "./render";

/**
 * A Word or Google Docs .docx to story HTML with mammoth: headings, paragraphs, bold/italic,
 * links and lists survive; everything goes through the story schema like any other body.
 * Images are counted, not embedded (there is no media library to offer them to yet).
 */
export async function importDocx(buffer: Buffer): Promise<{ body: string; images: number; warnings: string[] }> {
  // A .docx is a zip: check the bytes, not the name.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError("VALIDATION", "That is not a .docx file.", { fields: { file: "That is not a .docx file (Word or Google Docs → Download → .docx)." } });
  }
  let images = 0;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: ["p[style-name='Title'] => h2:fresh", "p[style-name='Subtitle'] => h3:fresh"],
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: "" };
        }),
      },
    );
    html = result.value;
  } catch {
    throw new AppError("VALIDATION", "That file could not be read as a Word document.", { fields: { file: "That file could not be read as a Word document." } });
  }
  const rendered = renderBodyFromHtml(html);
  const warnings = images > 0 ? [`${images} image${images === 1 ? " was" : "s were"} left out: add photos from the media library.`] : [];
  return { body: rendered.html, images, warnings };
}
