import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { transitionArticle } from "@/lib/use-cases/articles/transition-article";

export const dynamic = "force-dynamic";

/** 403 when the role may not, 409 when the state does not allow it, 422 for bad input. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params }) => {
  const {
    data: { notified, ...article },
  } = await transitionArticle({ actor: user, id: parseId(params.id), input: (await readJson(request)) as never });
  return NextResponse.json({ article, notified });
});
