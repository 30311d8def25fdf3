import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { apiRoute, readJson } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { listComments, setCommentResolved } from "@/lib/data/comments";
import { ZCommentResolve } from "@/lib/validation/comment";

export const dynamic = "force-dynamic";

/** Resolve (default) or reopen with `{"resolved": false}`. */
export const POST = apiRoute<{ id: string; commentId: string }>(async ({ request, user, params }) => {
  const articleId = parseId(params.id);
  const { resolved } = parseInput(ZCommentResolve, await readJson(request));
  await setCommentResolved({ actor: user, articleId, commentId: parseId(params.commentId, "That comment"), resolved });
  return NextResponse.json({ comments: await listComments({ actor: user, articleId }) });
});
