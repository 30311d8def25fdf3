import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/handler";
import { parseId } from "@/lib/api/params";
import { findEditorArticle } from "@/lib/data/articles";
import { ServerTiming } from "@/lib/http/server-timing";
import { updateArticle } from "@/lib/use-cases/articles/update-article";

export const dynamic = "force-dynamic";
type Params = { id: string };

export const GET = apiRoute<Params>(async ({ user, params }) => {
  return NextResponse.json({ article: await findEditorArticle({ id: parseId(params.id), actor: user }) });
});

/** `Prefer: return=minimal` (RFC 7240): the editor's autosave wants the new version, not the story back. */
function wantsMinimal(request: Request): boolean {
  return /(?:^|[,;\s])return=minimal(?:$|[,;\s])/i.test(request.headers.get("prefer") ?? "");
}

/**
 * A stale `version` gets 409 CONFLICT with `currentVersion`; nothing is overwritten. Draft saves
 * leave the reader cache alone; a public story's edit refreshes it (the use case's effects).
 * With `Prefer: return=minimal` the answer is `{article: {id, slug, status, version, wordCount,
 * updatedAt, pendingChanges}}` and no HTML is rendered (`Preference-Applied` says so); without,
 * the whole story as GET shows it. `Server-Timing` splits the save into auth, parse, validate,
 * persist, effects and respond.
 */
export const PATCH = apiRoute<Params>(async ({ request, user, params, startedAt }) => {
  const clock = new ServerTiming(startedAt);
  // The origin checks and the session lookup, before the handler runs.
  clock.mark("auth");
  const input = (await readJson(request)) as never;
  clock.mark("parse");
  const minimal = wantsMinimal(request);
  const { data: article } = minimal
    ? await updateArticle({ actor: user, id: parseId(params.id), input, answer: "minimal", clock })
    : await updateArticle({ actor: user, id: parseId(params.id), input, clock });
  return NextResponse.json({ article }, { headers: { "Server-Timing": clock.header(), ...(minimal ? { "Preference-Applied": "return=minimal" } : {}) } });
});
