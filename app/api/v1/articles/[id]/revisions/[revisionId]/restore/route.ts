import { NextResponse } from "next/server";
import { z } from "zod";
import { parseInput } from "@/lib/actions/safe-action";
import { revalidateArticle } from "@/lib/actions/revalidate";
import { apiRoute, readJson } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { restoreRevision } from "@/lib/data/revisions";

export const dynamic = "force-dynamic";
const ZRestore = z.object({ version: z.number({ error: "Send the version your restore is based on." }).int().min(1) });

/** Restore a revision; the restore becomes a new revision. Stale `version` → 409. */
export const POST = apiRoute<{ id: string; revisionId: string }>(async ({ request, user, params }) => {
  const { version } = parseInput(ZRestore, await readJson(request));
  const article = await restoreRevision({ actor: user, articleId: parseId(params.id), revisionId: parseId(params.revisionId, "That revision"), version });
  revalidateArticle(article);
  return NextResponse.json({ article });
});
