import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { findArticleForActor } from "@/lib/data/articles";
import { leavePresence, otherEditors, touchPresence } from "@/lib/data/presence";

export const dynamic = "force-dynamic";

/** Heartbeat from an open editor; answers who else has the story open. */
export const POST = apiRoute<{ id: string }>(async ({ user, params }) => {
  const articleId = parseId(params.id);
  await findArticleForActor({ id: articleId, actor: user });
  touchPresence({ articleId, userId: user.userId, name: user.name });
  return NextResponse.json({ editors: otherEditors({ articleId, userId: user.userId }) });
});

/** Leaving: the caller's own entry goes in any case, but a story they may not see is still a 404. */
export const DELETE = apiRoute<{ id: string }>(async ({ user, params }) => {
  const articleId = parseId(params.id);
  leavePresence({ articleId, userId: user.userId });
  await findArticleForActor({ id: articleId, actor: user });
  return new NextResponse(null, { status: 204 });
});
