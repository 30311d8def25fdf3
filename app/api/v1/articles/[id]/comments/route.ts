import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { listComments } from "@/lib/data/comments";
import { createComment } from "@/lib/use-cases/comments/create-comment";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  return NextResponse.json({ comments: await listComments({ actor: user, articleId: parseId(params.id) }) });
});

/** `{body, kind: "COACHING"|"REQUIRED", quote?, parentId?}` → 201 with the thread list. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params }) => {
  const articleId = parseId(params.id);
  const { data: created } = await createComment({ actor: user, articleId, input: (await readJson(request)) as never });
  const id = created.id;
  const comments = await listComments({ actor: user, articleId });
  return NextResponse.json({ comment: comments.flatMap((c) => [c, ...c.replies]).find((c) => c.id === id), comments }, { status: 201 });
});
