import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { apiRoute, readJson } from "@/lib/api/handler";
import { DOCX_IMAGE_KEY } from "@/lib/editor/docx-slot";
import { notFound } from "@/lib/errors";
import { addImportedImage } from "@/lib/use-cases/imports/add-imported-image";
import { skipImportedImage } from "@/lib/use-cases/imports/skip-imported-image";
import { IMPORT_ID, ZDocxImageAdd } from "@/lib/validation/docx-import";

export const dynamic = "force-dynamic";
type Params = { importId: string; key: string };

/** Malformed ids are photos that do not exist. */
function parseParams(params: Params): Params {
  if (!IMPORT_ID.test(params.importId) || !DOCX_IMAGE_KEY.test(params.key)) throw notFound("That imported photo");
  return params;
}

/** `{alt?, caption?, credit?}` → 201 `{media}`: the photo joins the media library. */
export const POST = apiRoute<Params>(async ({ request, user, params }) => {
  const { importId, key } = parseParams(params);
  const details = parseInput(ZDocxImageAdd, await readJson(request));
  const { data: media } = await addImportedImage({ actor: user, input: { importId, key, details } });
  return NextResponse.json({ media }, { status: 201 });
});

/** Skip the photo: its staged renditions are deleted; nothing enters the library. */
export const DELETE = apiRoute<Params>(async ({ user, params }) => {
  const { importId, key } = parseParams(params);
  await skipImportedImage({ actor: user, input: { importId, key } });
  return new NextResponse(null, { status: 204 });
});
