import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { apiRoute } from "@/lib/api/handler";
import { readBodyForm } from "@/lib/http/body";
import { AppError } from "@/lib/errors";
import { importDocxForActor } from "@/lib/use-cases/imports/import-docx-for-actor";
import { MAX_DOCX_BYTES, ZDocxImportForm } from "@/lib/validation/docx-import";

export const dynamic = "force-dynamic";

/** The largest .docx plus room for the form's other fields and boundaries. */
const MAX_REQUEST_BYTES = MAX_DOCX_BYTES + 1024 * 1024;

/**
 * multipart/form-data with `file` (.docx) and, for an existing story, `articleId` →
 * `{importId, body, images, failedImages, warnings}`: HTML in the story schema, and the
 * document's photos, processed and waiting to be added or skipped.
 */
export const POST = apiRoute(async ({ request, user }) => {
  const form = await readBodyForm(request, {
    limit: MAX_REQUEST_BYTES,
    message: "That file is over 10 MB.",
    fields: { file: "That file is over 10 MB." },
    badForm: "Send the file as multipart/form-data in a field named “file”.",
  });
  const { articleId } = parseInput(ZDocxImportForm, { articleId: form.get("articleId") ?? undefined });
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("VALIDATION", "Choose a .docx file.", { fields: { file: "Choose a .docx file." } });
  if (file.size > MAX_DOCX_BYTES) throw new AppError("VALIDATION", "That file is over 10 MB.", { fields: { file: "That file is over 10 MB." } });
  const { data } = await importDocxForActor({ actor: user, input: { articleId: articleId ?? null, file: { name: file.name, data: Buffer.from(await file.arrayBuffer()) } } });
  return NextResponse.json(data);
}, { body: "multipart" });
