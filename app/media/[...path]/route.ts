import { findMediaFile } from "@/lib/data/media-files";
import { mediaRoot, resolveMediaPath } from "@/lib/media/process";
import { MEDIA_CONTENT_SECURITY_POLICY } from "@/lib/security-headers";

export const dynamic = "force-dynamic";

/** Processed renditions never change (new details never rewrite files), so caches may keep them. */
const IMMUTABLE = "public, max-age=31536000, immutable";

function missing(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * The path segments after /media/, or null when the URL is not valid percent-encoded UTF-8
 * (`%c0%ae` is an overlong "."): such a path names no file, and must answer 404, never a 500
 * from decoding it.
 */
async function mediaSegments(request: Request, params: Promise<{ path?: string[] }>): Promise<string[] | null> {
  try {
    for (const segment of new URL(request.url).pathname.split("/")) decodeURIComponent(segment);
    return (await params).path ?? [];
  } catch {
    return null;
  }
}

/**
 * Serves /media/<prefix>/<id>/<width>.<webp|avif|jpg> from the database (or, for photos stored
 * before it held them, from data/media); anything else is 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ path?: string[] }> }): Promise<Response> {
  const segments = await mediaSegments(request, params);
  // Only names this pipeline writes reach the store (resolveMediaPath checks every segment).
  const target = segments && resolveMediaPath(mediaRoot(), segments);
  if (!segments || !target) return missing();
  const data = await findMediaFile(segments.join("/"));
  if (!data) return missing();
  const etag = `"${segments.join("-")}"`;
  const headers = {
    "Content-Type": target.contentType,
    "Content-Length": String(data.length),
    "Cache-Control": IMMUTABLE,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": MEDIA_CONTENT_SECURITY_POLICY,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { "Cache-Control": IMMUTABLE, ETag: etag } });
  return new Response(new Uint8Array(data), { headers });
}
