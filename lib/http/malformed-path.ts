/**
 * Request paths that are not valid percent-encoded UTF-8 (`/media/%c0%ae%c0%ae/x`: an overlong
 * ".", `%ff`, a lone `%`). Next's router throws while decoding them and answers a bare 500, so
 * scripts/serve.ts refuses them first with a plain 400. PURE apart from writing the answer.
 */
import type { ServerResponse } from "node:http";
import { baseSecurityHeaders, MEDIA_CONTENT_SECURITY_POLICY } from "../security-headers";

/** True when the path part of `url` does not decode as UTF-8. The query string is not checked. */
export function hasMalformedPath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?", 1)[0]!;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** A plain 400 that nothing may cache, render or frame. */
export function refuseMalformedPath(res: ServerResponse, https: boolean): void {
  const body = "Bad request: this address is not valid UTF-8.\n";
  res.writeHead(400, {
    ...baseSecurityHeaders({ https }),
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store",
    "Content-Security-Policy": MEDIA_CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}
