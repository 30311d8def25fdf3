import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { importDocx } from "@/lib/editor/docx";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";
const MAX_BYTES = 10 * 1024 * 1024;

/** multipart/form-data with `file` (.docx) → `{body, images, warnings}`: HTML in the story schema. */
export const POST = apiRoute(async ({ request }) => {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("BAD_REQUEST", "Send the file as multipart/form-data in a field named “file”.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("VALIDATION", "Choose a .docx file.", { fields: { file: "Choose a .docx file." } });
  if (file.size > MAX_BYTES) throw new AppError("VALIDATION", "That file is over 10 MB.", { fields: { file: "That file is over 10 MB." } });
  const result = await importDocx(Buffer.from(await file.arrayBuffer()));
  return NextResponse.json(result);
});
