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

export const DELETE = apiRoute<{ id: string }>(async ({ user, params }) => {
  leavePresence({ articleId: parseId(params.id), userId: user.userId });
  return new NextResponse(null, { status: 204 });
});
