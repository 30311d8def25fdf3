import { applyAfterCommit, mergeEffects } from "@/lib/use-cases/effects";
import { isInternalRequest } from "@/lib/http/internal";

export const dynamic = "force-dynamic";

/**
 * POST from this server process only (the scheduler, after it publishes scheduled stories):
 * revalidates the reader site, which Next allows only inside a request. Anyone else gets 404.
 */
export async function POST(request: Request) {
  if (!isInternalRequest(request.headers)) return Response.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404 });
  await applyAfterCommit(mergeEffects({ readerSiteChanged: true }));
  return new Response(null, { status: 204 });
}
