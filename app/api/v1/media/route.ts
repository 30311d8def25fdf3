import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { apiRoute } from "@/lib/api/handler";
import { readBodyForm } from "@/lib/http/body";
import { listMedia, type UploadFile } from "@/lib/data/media";
import { AppError } from "@/lib/errors";
import { uploadMedia } from "@/lib/use-cases/media/upload-media";
import { MAX_FILES_PER_REQUEST, MAX_UPLOAD_BYTES, MEDIA_MESSAGES, ZMediaQuery } from "@/lib/validation/media";

export const dynamic = "force-dynamic";

/** Room for a few full-size files plus multipart overhead: a bigger declared size is refused unread, a longer stream as it passes this. */
const MAX_REQUEST_BYTES = 3 * MAX_UPLOAD_BYTES + 1024 * 1024;

/** The library, newest first: `?q=` searches alt text, caption, credit and file name; `?missingAlt=1`. */
export const GET = apiRoute(async ({ request, user }) => {
  const query = parseInput(ZMediaQuery, Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json({ media: await listMedia({ actor: user, query }) }, { headers: { "Cache-Control": "no-store" } });
});

/** multipart/form-data, one or more files in field `file` → 201 `{media:[...]}`. All or nothing. */
export const POST = apiRoute(async ({ request, user }) => {
  const form = await readBodyForm(request, {
    limit: MAX_REQUEST_BYTES,
    message: "That upload is too large. Send images one at a time, each under 20 MB.",
    fields: { file: MEDIA_MESSAGES.tooBig },
    badForm: "Send the images as multipart/form-data in a field named “file” (the upload may have been cut short).",
  });
  const entries = form.getAll("file").filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v);
  if (entries.length === 0) throw new AppError("VALIDATION", MEDIA_MESSAGES.noFile, { fields: { file: MEDIA_MESSAGES.noFile } });
  if (entries.length > MAX_FILES_PER_REQUEST) throw new AppError("VALIDATION", MEDIA_MESSAGES.tooManyFiles, { fields: { file: MEDIA_MESSAGES.tooManyFiles } });
  const files: UploadFile[] = [];
  for (const entry of entries) {
    if (entry.size > MAX_UPLOAD_BYTES) {
      const message = entries.length > 1 ? `${entry.name}: ${MEDIA_MESSAGES.tooBig}` : MEDIA_MESSAGES.tooBig;
      throw new AppError("VALIDATION", message, { fields: { file: MEDIA_MESSAGES.tooBig } });
    }
    files.push({ name: entry.name, data: new Uint8Array(await entry.arrayBuffer()) });
  }
  const { data: media } = await uploadMedia({ actor: user, input: { files } });
  return NextResponse.json({ media }, { status: 201 });
}, { body: "multipart" });
