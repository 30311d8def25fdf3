import { NextResponse } from "next/server";
import { parseInput } from "@/lib/actions/safe-action";
import { apiRoute, readJson } from "@/lib/api/handler";
import { revalidateArticle } from "@/lib/actions/revalidate";
import { findArticleForActor, toArticleDto, updateArticle } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { parseId } from "@/lib/api/params";
import { ZArticleUpdate } from "@/lib/validation/article";

export const dynamic = "force-dynamic";
type Params = { id: string };

export const GET = apiRoute<Params>(async ({ user, params }) => {
  const row = await findArticleForActor({ id: parseId(params.id), actor: user });
  return NextResponse.json({ article: toArticleDto(row, await getPublication()) });
});

/** A stale `version` gets 409 CONFLICT with `currentVersion`; nothing is overwritten. */
export const PATCH = apiRoute<Params>(async ({ request, user, params }) => {
  const id = parseId(params.id);
  const input = parseInput(ZArticleUpdate, await readJson(request));
  const article = await updateArticle({ actor: user, id, input });
  // Draft saves leave the reader cache alone; only a public story's edit refreshes it.
  if (article.status === "PUBLISHED") revalidateArticle(article);
  return NextResponse.json({ article });
});
