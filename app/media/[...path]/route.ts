import { readFile } from "node:fs/promises";
import { mediaRoot, resolveMediaPath } from "@/lib/media/process";

export const dynamic = "force-dynamic";

/** Processed renditions never change (new details never rewrite files), so caches may keep them. */
const IMMUTABLE = "public, max-age=31536000, immutable";

function missing(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** Serves /media/<prefix>/<id>/<width>.<webp|avif|jpg> from data/media; anything else is 404. */
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const target = resolveMediaPath(mediaRoot(), (await params).path ?? []);
  if (!target) return missing();
  let data: Buffer;
  try {
    data = await readFile(target.file);
  } catch {
    return missing();
  }
  const etag = `"${(await params).path.join("-")}"`;
  const headers = {
    "Content-Type": target.contentType,
    "Content-Length": String(data.length),
    "Cache-Control": IMMUTABLE,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { "Cache-Control": IMMUTABLE, ETag: etag } });
  return new Response(new Uint8Array(data), { headers });
}
