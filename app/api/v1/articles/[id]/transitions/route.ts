import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { revalidateArticle } from "@/lib/actions/revalidate";
import { apiRoute, readJson } from "@/lib/api/handler";
import { transitionArticle } from "@/lib/data/articles";
import { notFound } from "@/lib/errors";
import { ZId, ZTransition } from "@/lib/validation/article";

export const dynamic = "force-dynamic";

/** 403 when the role may not, 409 when the state does not allow it, 422 for bad input. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params }) => {
  const id = ZId.safeParse(params.id);
  if (!id.success) throw notFound();
  const input = parseInput(ZTransition, await readJson(request));
  const article = await transitionArticle({ actor: user, id: id.data, input });
  revalidateArticle(article);
  return NextResponse.json({ article });
});
