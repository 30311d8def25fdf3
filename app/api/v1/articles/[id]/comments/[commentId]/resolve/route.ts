import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { listComments } from "@/lib/data/comments";
import { setCommentResolved } from "@/lib/use-cases/comments/set-comment-resolved";

export const dynamic = "force-dynamic";

/** Resolve (default) or reopen with `{"resolved": false}`. */
export const POST = apiRoute<{ id: string; commentId: string }>(async ({ request, user, params }) => {
  const articleId = parseId(params.id);
  await setCommentResolved({ actor: user, articleId, commentId: parseId(params.commentId, "That comment"), input: (await readJson(request)) as never });
  return NextResponse.json({ comments: await listComments({ actor: user, articleId }) });
});
