/**
 * The production server: Next's request handler behind the in-process page cache
 * (lib/http/page-cache.ts), with reader pages sent as plain HTML, without the framework
 * runtime (lib/http/reader-html.ts). `npm start`, `npm run demo`, the e2e suite, the bench and the load
 * test all run this, after `next build`.
 *
 *   node --import tsx scripts/serve.ts [-p <port>]     PORT (3000) and HOST (127.0.0.1) also work
 *
 * (`node --import tsx`, not the tsx CLI, which would run it in a child process: signals sent
 * to the PID a supervisor knows must reach the server itself.)
 *
 * MASTHEAD_PAGE_CACHE_MS (default 1000; 0 turns it off) is the longest a reader page is
 * answered from memory; publish, unpublish and edit empty the cache at once.
 * MASTHEAD_SHARED_MAX_AGE_S (default 3) is the longest a shared cache in front (nginx, a CDN) is
 * told it may keep a reader page, and MASTHEAD_SHARED_STALE_S (default 10) how long after that it
 * may still serve its old copy while it fetches a new one (stale-while-revalidate): an
 * unpublished or taken-down page is gone from such a cache within the sum of the two.
 */
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { hasMalformedPath, refuseMalformedPath } from "../lib/http/malformed-path";
import { databaseUrl, isPostgresUrl } from "../lib/config";
import { INTERNAL_HEADER, internalToken, ownOrigin } from "../lib/http/internal";
import { PageCache } from "../lib/http/page-cache";
import { registerPageCache, registerPurgeBroadcast } from "../lib/http/page-cache-hook";
import { coalesce, startPurgeBus } from "../lib/http/purge-bus";
import { createSettler } from "../lib/http/settle";
import { serveReaderPage } from "../lib/http/reader-html";
import { answerApiWritesPlain } from "../lib/http/write-answers";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const portArg = args.findIndex((a) => a === "-p" || a === "--port");
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.PORT ?? 3000));
const hostname = process.env.HOST ?? "127.0.0.1";
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`Not a port: ${portArg >= 0 ? args[portArg + 1] : process.env.PORT}`);
  process.exit(2);
}
process.env.PORT = String(port);

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const cache = new PageCache({
  ttlMs: Number(process.env.MASTHEAD_PAGE_CACHE_MS ?? 1000),
  // Next keeps reader pages for a minute (every change revalidates them at once); a proxy or CDN
  // in front hears nothing of changes, so it is told to keep them 3 s at most.
  sharedMaxAgeS: Number(process.env.MASTHEAD_SHARED_MAX_AGE_S ?? 3),
  sharedStaleS: Number(process.env.MASTHEAD_SHARED_STALE_S ?? 10),
});
// Every purge is repeated 2 s and 8 s later, for reader pages whose render was in flight when the
// change was committed (lib/http/settle.ts); the repeats go through the same internal route.
const settle = createSettler({ run: () => revalidateNow() });
registerPageCache({
  purge: () => {
    cache.purge();
    settle();
  },
});

// Several instances on one PostgreSQL database: a purge here reaches the others (LISTEN/NOTIFY),
// and a purge there empties this cache and revalidates this instance's Next (which only a
// request can do: the same internal route the scheduler uses).
async function revalidateNow() {
  try {
    const res = await fetch(`${ownOrigin()}/api/internal/revalidate`, { method: "POST", headers: { [INTERNAL_HEADER]: internalToken() }, signal: AbortSignal.timeout(10_000) });
    if (res.status !== 204) console.error(`reader site revalidation answered ${res.status}`);
  } catch (error) {
    console.error("reader site revalidation failed", error);
  }
}
const revalidateHere = coalesce(revalidateNow);
const purgeBus = isPostgresUrl(databaseUrl())
  ? await startPurgeBus({
      url: databaseUrl(),
      onRemotePurge: () => {
        cache.purge();
        revalidateHere();
      },
    })
  : null;
registerPurgeBroadcast(purgeBus ? () => purgeBus.publish() : null);

const server = createServer((req, res) => {
  // Next answers a path it cannot decode (`/media/%c0%ae%c0%ae/x`) with a bare 500.
  if (hasMalformedPath(req.url)) return refuseMalformedPath(res, req.headers["x-forwarded-proto"] === "https");
  answerApiWritesPlain(req);
  // Reader pages leave without Next's client runtime (lib/http/reader-html.ts), and that is
  // what the page cache keeps.
  cache.handle(req, res, (rq, rs) => serveReaderPage(rq, rs, handle));
});
// Longer than the idle timeout of clients and proxies that reuse connections (nginx, load
// generators), so the server never closes a socket they are about to send on.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => {
  console.log(`Masthead ready on http://${hostname}:${port}`);
});

// `kill -USR2 <pid>`: one line of where the memory is (V8 heap, buffers, the page cache), in the
// log; under `node --expose-gc`, after a full collection, so "heap used" is what is still held.
process.on("SIGUSR2", () => {
  const mb = (n: number) => Math.round(n / 1024 / 102.4) / 10;
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(`memory: rss ${mb(m.rss)} MB, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)} MB, external ${mb(m.external)} MB (buffers ${mb(m.arrayBuffers)} MB); page cache ${cache.size} pages, ${mb(cache.bytes)} MB`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void purgeBus?.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
