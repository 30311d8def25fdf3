import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { apiRoute, readJson } from "@/lib/api/handler";
import { listArticlesForActor } from "@/lib/data/articles";
import { createArticle } from "@/lib/use-cases/articles/create-article";
import { ZArticleFilter } from "@/lib/validation/article";

export const dynamic = "force-dynamic";

/** The stories the caller may see; `?status=` and `?section=` filter. */
export const GET = apiRoute(async ({ request, user }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const filter = parseInput(ZArticleFilter, query);
  return NextResponse.json({ articles: await listArticlesForActor({ actor: user, filter }) });
});

export const POST = apiRoute(async ({ request, user }) => {
  const { data: article } = await createArticle({ actor: user, input: (await readJson(request)) as never });
  return NextResponse.json({ article }, { status: 201 });
});
