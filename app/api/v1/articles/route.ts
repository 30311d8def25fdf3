import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { apiRoute, readJson } from "@/lib/api/handler";
import { listArticlesPageForActor } from "@/lib/data/articles";
import { createArticle } from "@/lib/use-cases/articles/create-article";
import { ZArticleListQuery } from "@/lib/validation/article";

export const dynamic = "force-dynamic";

/**
 * The stories the caller may see, most recently updated first; `?status=` and `?section=`
 * filter, `?limit=` (1-200, default 50) sizes the page and `?cursor=<nextCursor>` continues.
 */
export const GET = apiRoute(async ({ request, user }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { cursor, limit, ...filter } = parseInput(ZArticleListQuery, query);
  const { articles, nextCursor } = await listArticlesPageForActor({ actor: user, filter, cursor, limit });
  return NextResponse.json({ articles, nextCursor });
});

export const POST = apiRoute(async ({ request, user }) => {
  const { data: article } = await createArticle({ actor: user, input: (await readJson(request)) as never });
  return NextResponse.json({ article }, { status: 201 });
});
