import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { apiRoute, readJson } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { findMediaForActor } from "@/lib/data/media";
import { updateMedia } from "@/lib/use-cases/media/update-media";
import { ZMediaUpdate } from "@/lib/validation/media";

export const dynamic = "force-dynamic";
type Params = { id: string };

export const GET = apiRoute<Params>(async ({ user, params }) => {
  const media = await findMediaForActor({ actor: user, id: parseId(params.id, "That image") });
  return NextResponse.json({ media }, { headers: { "Cache-Control": "no-store" } });
});

/** `{alt?, caption?, credit?}`: the uploader, or an editor, adviser or administrator. */
export const PATCH = apiRoute<Params>(async ({ request, user, params }) => {
  const id = parseId(params.id, "That image");
  const input = parseInput(ZMediaUpdate, await readJson(request));
  // Published stories showing this image pick up the new alt text and caption (the use case's effects).
  const { data: media } = await updateMedia({ actor: user, id, input });
  return NextResponse.json({ media });
});
