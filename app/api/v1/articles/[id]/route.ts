import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { findArticleForActor, toEditorArticleDto } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { updateArticle } from "@/lib/use-cases/articles/update-article";

export const dynamic = "force-dynamic";
type Params = { id: string };

export const GET = apiRoute<Params>(async ({ user, params }) => {
  const row = await findArticleForActor({ id: parseId(params.id), actor: user });
  return NextResponse.json({ article: toEditorArticleDto(row, await getPublication()) });
});

/**
 * A stale `version` gets 409 CONFLICT with `currentVersion`; nothing is overwritten. Draft saves
 * leave the reader cache alone; a public story's edit refreshes it (the use case's effects).
 */
export const PATCH = apiRoute<Params>(async ({ request, user, params }) => {
  const { data: article } = await updateArticle({ actor: user, id: parseId(params.id), input: (await readJson(request)) as never });
  return NextResponse.json({ article });
});
