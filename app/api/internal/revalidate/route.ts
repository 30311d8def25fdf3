import { revalidateReaderSite } from "@/lib/actions/revalidate";
import { isInternalRequest } from "@/lib/http/internal";

export const dynamic = "force-dynamic";

/**
 * POST from this server process only (the scheduler, after it publishes scheduled stories):
 * revalidates the reader site, which Next allows only inside a request. Anyone else gets 404.
 */
export async function POST(request: Request) {
  if (!isInternalRequest(request.headers)) return Response.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404 });
  revalidateReaderSite();
  return new Response(null, { status: 204 });
}
