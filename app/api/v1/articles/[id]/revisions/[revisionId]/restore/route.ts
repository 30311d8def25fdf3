import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { restoreRevision } from "@/lib/use-cases/articles/restore-revision";

export const dynamic = "force-dynamic";

/** Restore a revision; the restore becomes a new revision. Stale `version` → 409. */
export const POST = apiRoute<{ id: string; revisionId: string }>(async ({ request, user, params }) => {
  const input = (await readJson(request)) as never;
  const { data: article } = await restoreRevision({ actor: user, articleId: parseId(params.id), revisionId: parseId(params.revisionId, "That revision"), input });
  return NextResponse.json({ article });
});
