import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { findRevision } from "@/lib/data/revisions";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string; revisionId: string }>(async ({ user, params }) => {
  const revision = await findRevision({ actor: user, articleId: parseId(params.id), revisionId: parseId(params.revisionId, "That revision") });
  return NextResponse.json({ revision });
});
