import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { leaveStoryPresence, touchStoryPresence } from "@/lib/use-cases/presence/touch-presence";

export const dynamic = "force-dynamic";

/** Heartbeat from an open editor; answers who else has the story open. */
export const POST = apiRoute<{ id: string }>(async ({ user, params }) => {
  return NextResponse.json(await touchStoryPresence({ actor: user, articleId: parseId(params.id), name: user.name }));
}, { body: "none" });

/** Leaving: the caller's own entry goes in any case, but a story they may not see is still a 404. */
export const DELETE = apiRoute<{ id: string }>(async ({ user, params }) => {
  await leaveStoryPresence({ actor: user, articleId: parseId(params.id) });
  return new NextResponse(null, { status: 204 });
});
