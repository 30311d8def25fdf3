import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { listRevisions } from "@/lib/data/revisions";

export const dynamic = "force-dynamic";

/** Every revision, newest first (without bodies). */
export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  return NextResponse.json({ revisions: await listRevisions({ actor: user, articleId: parseId(params.id) }) });
});
