import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { decideSuggestion } from "@/lib/use-cases/suggestions/decide-suggestion";

export const dynamic = "force-dynamic";

/** Accept one suggestion (`all`: every open one): the article, the suggestions left and the editor's text. */
export const POST = apiRoute<{ id: string; suggestionId: string }>(async ({ user, params }) => {
  const { data } = await decideSuggestion({ actor: user, articleId: parseId(params.id), input: { suggestionId: params.suggestionId, decision: "accept" } });
  return NextResponse.json(data);
});
