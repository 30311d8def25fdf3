import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { revalidateArticle } from "@/lib/actions/revalidate";
import { apiRoute, readJson } from "@/lib/api/handler";
import { transitionArticle } from "@/lib/data/articles";
import { parseId } from "@/lib/api/params";
import { ZTransition } from "@/lib/validation/article";

export const dynamic = "force-dynamic";

/** 403 when the role may not, 409 when the state does not allow it, 422 for bad input. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params }) => {
  const id = parseId(params.id);
  const input = parseInput(ZTransition, await readJson(request));
  const article = await transitionArticle({ actor: user, id, input });
  revalidateArticle(article);
  return NextResponse.json({ article });
});
