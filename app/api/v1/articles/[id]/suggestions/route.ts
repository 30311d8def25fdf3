import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { findArticleForActor } from "@/lib/data/articles";
import { currentText } from "@/lib/domain/working-copy";
import { listSuggestions } from "@/lib/editor/suggestions";

export const dynamic = "force-dynamic";

/** The open suggested edits in the text the editor edits (a live story's working copy, else its text), in reading order. */
export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const article = await findArticleForActor({ id: parseId(params.id), actor: user });
  return NextResponse.json({ suggestions: listSuggestions(JSON.parse(currentText(article).bodyJson)) });
});
