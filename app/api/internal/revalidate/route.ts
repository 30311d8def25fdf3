import { applyAfterCommit, mergeEffects } from "@/lib/use-cases/effects";
import { isInternalRequest } from "@/lib/http/internal";

export const dynamic = "force-dynamic";

/**
 * POST from this server process only (the scheduler, after it publishes scheduled stories, and
 * the purge bus, when another instance changed the reader site): revalidates the reader site,
 * which Next allows only inside a request. Anyone else gets 404. Whoever asks has already told
 * the other instances, so this purge stays local (else instances would echo each other forever).
 */
export async function POST(request: Request) {
  if (!isInternalRequest(request.headers)) return Response.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404 });
  await applyAfterCommit(mergeEffects({ readerSiteChanged: true }), { localOnly: true });
  return new Response(null, { status: 204 });
}
