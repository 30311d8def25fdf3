import type { IncomingMessage } from "node:http";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * API writes are answered uncompressed: the request loses its Accept-Encoding before Next sees it.
 * Their answers are small (the autosave's is about 200 bytes, under any compression's threshold),
 * but Next's compression middleware still set up a gzip stream around every one of them: about a
 * twentieth of the server's CPU with 100 editors saving back to back (issue 16's burst mode). Reads,
 * the API's long lists among them, and everything outside /api are left as they are. Exported for
 * its test; scripts/serve.ts calls it on every request.
 */
export function answerApiWritesPlain(req: IncomingMessage): void {
  if (req.method && WRITES.has(req.method) && req.url?.startsWith("/api/")) delete req.headers["accept-encoding"];
}
