/**
 * `npm run loadtest`: readers and editors at once, then a crash. Does every acknowledged save
 * survive?
 *
 * Phase 0 (LOADTEST_QUIET_SECONDS, default 30): the 200 readers alone, for the readers'
 * percentiles without editors.
 *
 * Phase 1 (LOADTEST_SECONDS, default 60): 200 readers (autocannon in a child process, cycling
 * through the front page, the Aleppo story, section pages and searches) and 20 editors. Each
 * editor signs in, creates a story of its own through POST /api/v1/articles, then saves it as
 * the editor's autosave does: PATCH with the ProseMirror document (`bodyJson`) and
 * `Prefer: return=minimal`, every 2 s (LOADTEST_SAVE_EVERY_MS), with an incrementing counter
 * in its text and the version it got back. A 200 is an acknowledged save {articleId, version,
 * counter}; a 409 refetches the version. Each answer's Server-Timing header (auth, parse,
 * validate, persist, effects, respond, total) is collected and printed as percentiles. Afterwards
 * the server is stopped and data/loadtest.db is opened read-only: every acknowledged save must
 * be there (the last one's counter in the article's body, the others in a revision at that
 * version or folded into a later one), and no response may be a 5xx.
 *
 * Phase 2: the server comes back on the same database, the same load starts again, and after
 * ~10 s (LOADTEST_KILL_AFTER) the server is killed with SIGKILL. Straight away, before the
 * restart, the database must hold every save acknowledged so far (the last one of each story
 * in its body). Then it is restarted on the same database and port, readers and editors carry
 * on for 10 s (an editor told a version below one it was acknowledged reports lost saves),
 * and every acknowledged save from both phases must again be in the database.
 *
 * Phase 3 (LOADTEST_HEIC_SECONDS, default 30, twice): HEIC uploads against reads. A fresh server
 * (its media in a temporary data directory) serves the readers alone, then the same readers
 * while one writer uploads a 12 MP HEIC photo (lib/media/fixtures/photo-12mp.heic) to
 * POST /api/v1/media in a loop. The readers' p99 with uploads must stay within 2x of the p99
 * without them, and every upload must answer 201: decoding runs in a worker thread, one at a
 * time, so an upload never holds up a page. `--heic-only` runs this phase alone.
 *
 * Prints PASS or FAIL (exit code 1). Details: bench-results/loadtest-<time>.json, server output
 * in bench-results/loadtest-server.log.
 *
 * Readers are closed-loop (no think time) with autocannon's 10 s timeout; a timed-out reader
 * counts as a connection error, not as a 5xx.
 *
 * Burst mode, `--editors 100`: that many editors saving back to back (no pause between a save's
 * answer and the next save), for the saves per second the server sustains (overall and its
 * slowest 10 s); phase 3 is left out (`--heic` keeps it).
 *
 * `--front`: every request (readers, editors, probes) goes through deploy/nginx.conf as shipped,
 * the caching front the deployment guide puts before a single instance, so the figures are what
 * a school behind that front gets; the server trusts that one proxy (MASTHEAD_TRUSTED_PROXIES=1).
 *
 * Knobs: LOADTEST_SECONDS (60, phase 1), LOADTEST_QUIET_SECONDS (30, phase 0),
 * LOADTEST_READERS (200), LOADTEST_EDITORS (20) or --editors N, LOADTEST_SAVE_EVERY_MS (2000;
 * 0 in burst mode), LOADTEST_KILL_AFTER (10), --rebuild (always build), --reuse-build (use
 * .next-loadtest/ even if sources changed). The sign-in limits are raised for the server it starts only
 * (MASTHEAD_LOGIN_MAX_PER_ACCOUNT / _PER_ADDRESS = 10000).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkEditors, count5xx, Editor, fmtCodes, HEAD, ms, printServerParts, readerRow, type ReaderRun, saveRow, saveStats, saveThroughput, serverParts, startReaders, type Verification } from "./lib/loadtest-kit";
import { cachingFrontConf, findNginx, launchNginx, type Nginx } from "./lib/nginx";
import { fmtMemory, processMemory } from "./lib/process-memory";
import {
  type CannonStats,
  type RunningServer,
  ROOT,
  benchDatabase,
  cannon,
  ensureBuild,
  installExitHooks,
  log,
  machineInfo,
  percentile,
  prepareDemoDatabase,
  signIn,
  sleep,
  startServer,
  stopProcess,
  table,
  TempDirs,
  writeResults,
} from "./lib/server";

const DIST = ".next-loadtest";
const SECONDS = Number(process.env.LOADTEST_SECONDS ?? 60);
const READERS = Number(process.env.LOADTEST_READERS ?? 200);
/** `--editors N`: burst mode (back-to-back saves, no phase 3). */
const BURST = argValue("--editors");
const EDITORS = Number(BURST ?? process.env.LOADTEST_EDITORS ?? 20);
/** An editor's autosave: one save every this many ms (the editor's AUTOSAVE_MS); 0: back to back. */
const SAVE_EVERY_MS = Number(process.env.LOADTEST_SAVE_EVERY_MS ?? (BURST !== undefined ? 0 : 2000));
const QUIET_SECONDS = Number(process.env.LOADTEST_QUIET_SECONDS ?? 30);
const WITH_HEIC = BURST === undefined || process.argv.includes("--heic");
const KILL_AFTER = Number(process.env.LOADTEST_KILL_AFTER ?? 10);
const AFTER_RESTART = 10;
const HEIC_SECONDS = Number(process.env.LOADTEST_HEIC_SECONDS ?? 30);
const HEIC_ONLY = process.argv.includes("--heic-only");
/** `--phase1-only`: readers alone, then readers and editors, then the check (no SIGKILL, no HEIC); the instances run's single-instance baseline. */
const PHASE1_ONLY = process.argv.includes("--phase1-only");
const HEIC_PHOTO = path.join(ROOT, "lib/media/fixtures/photo-12mp.heic");
function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || !/^\d+$/.test(value)) throw new Error(`${flag} takes a number`);
  return value;
}
const ACCOUNTS = ["adviser@demo.test", "editor@demo.test", "writer@demo.test", "writer2@demo.test"];
const READER_PATHS = [
  "/",
  "/articles/syrian-insurgents-enter-aleppo",
  "/sections/world",
  "/search?q=aleppo",
  "/sections/news",
  "/articles/library-extends-hours-for-exam-season",
  "/search?q=school",
];

// ---------------------------------------------------------------------------------------------
// Child mode: the readers run in a process of their own, so that their event loop and the
// editors' never delay each other's timings. A line "stop" on stdin (or stdin closing) ends the
// run early; the stats go to stdout as one JSON line.

if (process.argv[2] === "--readers-child") {
  const cfg = JSON.parse(process.argv[3]) as { url: string; connections: number; duration: number; paths: string[] };
  const run = await cannon(cfg);
  process.stdin.on("data", (d) => String(d).includes("stop") && run.stop());
  process.stdin.on("end", () => run.stop());
  process.stdout.write("started\n");
  const stats = await run.done;
  process.stdout.write(JSON.stringify(stats) + "\n");
  process.exit(0);
}

// `--instances N`: several instances on PostgreSQL behind nginx (issue 15); it exits when done.
if (process.argv.includes("--instances")) await import("./loadtest-instances");

// ---------------------------------------------------------------------------------------------
// Verification against the database file (server stopped), opened read-only.

async function verify(dbFile: string, editors: Editor[]): Promise<Verification> {
  const { default: Database } = await import("better-sqlite3");
  let sqlite: import("better-sqlite3").Database;
  let copyDir: string | null = null;
  try {
    sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      sqlite.prepare('SELECT count(*) FROM "Article"').get();
    } catch (error) {
      sqlite.close();
      throw error;
    }
  } catch (error) {
    // After a SIGKILL the WAL may need recovery, which a read-only connection cannot do: read
    // a copy instead (database, -wal and -shm), leaving the real files to the restarted server.
    copyDir = mkdtempSync(path.join(os.tmpdir(), "masthead-loadtest-verify-"));
    for (const suffix of ["", "-wal", "-shm"]) if (existsSync(dbFile + suffix)) copyFileSync(dbFile + suffix, path.join(copyDir, path.basename(dbFile) + suffix));
    log(`  (read-only open failed: ${(error as Error).message}; verifying a copy)`);
    sqlite = new Database(path.join(copyDir, path.basename(dbFile)), { fileMustExist: true });
  }
  try {
    const articleQ = sqlite.prepare<[string], { version: number; bodyText: string }>('SELECT "version", "bodyText" FROM "Article" WHERE "id" = ?');
    const revisionQ = sqlite.prepare<[string], { version: number; bodyText: string; event: string }>('SELECT "version", "bodyText", "event" FROM "Revision" WHERE "articleId" = ?');
    return await checkEditors(editors, async (id) => ({ article: articleQ.get(id) ?? null, revisions: revisionQ.all(id) }));
  } finally {
    sqlite.close();
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Probes: what Next's own cache does under the load (HIT = served from the ISR cache, STALE =
// served old while re-rendering, MISS = rendered for this request).

type ProbeResult = Record<string, { statuses: Record<string, number>; p50: number; max: number }>;

async function probe(base: () => string, running: () => boolean): Promise<ProbeResult> {
  const paths = ["/", "/articles/syrian-insurgents-enter-aleppo"];
  const seen: Record<string, { statuses: Record<string, number>; ms: number[] }> = {};
  for (const p of paths) seen[p] = { statuses: {}, ms: [] };
  while (running()) {
    for (const p of paths) {
      const started = performance.now();
      let status = "error";
      try {
        const res = await fetch(base() + p, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        status = res.ok ? (res.headers.get("x-nextjs-cache") ?? "none") : `HTTP ${res.status}`;
      } catch {
        /* counted as "error" */
      }
      seen[p].statuses[status] = (seen[p].statuses[status] ?? 0) + 1;
      seen[p].ms.push(performance.now() - started);
    }
    await sleep(1000);
  }
  const out: ProbeResult = {};
  for (const [p, v] of Object.entries(seen)) {
    const sorted = Float64Array.from(v.ms).sort();
    out[p] = { statuses: v.statuses, p50: Math.round(percentile(sorted, 50)), max: Math.round(sorted.length ? sorted[sorted.length - 1] : NaN) };
  }
  return out;
}

const fmtProbe = (p: ProbeResult) =>
  Object.entries(p)
    .map(([path, v]) => `${path} ${fmtCodes(v.statuses)} (median ${v.p50} ms, max ${v.max} ms)`)
    .join("; ");

// ---------------------------------------------------------------------------------------------
// Reporting.

// ---------------------------------------------------------------------------------------------
// Phase 3: one writer uploading iPhone-sized HEIC photos while readers read.

type UploadStats = { uploads: number; byStatus: Record<string, number>; p50: number; p99: number; max: number };

/** POST the HEIC to /api/v1/media until `running()` turns false, one upload at a time. */
async function uploadLoop(base: string, cookie: string, running: () => boolean): Promise<UploadStats> {
  const photo = readFileSync(HEIC_PHOTO);
  const byStatus: Record<string, number> = {};
  const times: number[] = [];
  let n = 0;
  while (running()) {
    const form = new FormData();
    form.append("file", new Blob([photo], { type: "image/heic" }), `IMG_${String(++n).padStart(4, "0")}.HEIC`);
    const started = performance.now();
    let status = "error";
    try {
      const res = await fetch(`${base}/api/v1/media`, { method: "POST", headers: { cookie }, body: form, signal: AbortSignal.timeout(120_000) });
      await res.arrayBuffer();
      status = String(res.status);
    } catch {
      await sleep(200);
    }
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    times.push(performance.now() - started);
  }
  const sorted = Float64Array.from(times).sort();
  return { uploads: times.length, byStatus, p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted.length ? sorted[sorted.length - 1] : NaN) };
}

type HeicPhase = { withoutUploads: CannonStats; withUploads: CannonStats; uploads: UploadStats; ratio: number; pass: boolean };

async function heicPhase(db: { url: string }, env: Record<string, string>): Promise<HeicPhase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "masthead-loadtest-media-"));
  try {
    server = await startServer({ distDir: DIST, databaseUrl: db.url, env: { ...env, MASTHEAD_DATA_DIR: dataDir }, logName: "loadtest-server" });
    const base = server.url;
    for (const p of READER_PATHS) for (let i = 0; i < 3; i++) await fetch(base + p).then((r) => r.arrayBuffer());
    const cookie = await signIn(base, "writer@demo.test");
    // One upload first, so the first measured one does not pay for loading the route.
    const warm = await uploadLoop(base, cookie, ((once) => () => once-- > 0)(1));
    if (warm.byStatus["201"] !== 1) throw new Error(`the warm-up HEIC upload answered ${fmtCodes(warm.byStatus)}`);

    log(`phase 3a: ${READERS} readers for ${HEIC_SECONDS} s, no uploads`);
    readers = startReaders(base, { connections: READERS, duration: HEIC_SECONDS, paths: READER_PATHS });
    const withoutUploads = await readers.result;
    log(`  reader p99 ${ms(withoutUploads.p99)} ms`);

    log(`phase 3b: ${READERS} readers for ${HEIC_SECONDS} s while one writer uploads 12 MP HEIC photos`);
    running = true;
    readers = startReaders(base, { connections: READERS, duration: HEIC_SECONDS, paths: READER_PATHS });
    await readers.started;
    const uploading = uploadLoop(base, cookie, () => running);
    const withUploads = await readers.result;
    running = false;
    const uploads = await uploading;
    readers = null;
    log(`  reader p99 ${ms(withUploads.p99)} ms; ${uploads.uploads} uploads (${fmtCodes(uploads.byStatus)}), median ${uploads.p50} ms each`);
    await server.stop();
    server = null;
    const ratio = withUploads.p99 / withoutUploads.p99;
    const fivexx = count5xx(withoutUploads.statusCodes) + count5xx(withUploads.statusCodes);
    const pass = ratio <= 2 && uploads.uploads > 0 && uploads.byStatus["201"] === uploads.uploads && fivexx === 0;
    return { withoutUploads, withUploads, uploads, ratio, pass };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function printHeicPhase(h: HeicPhase) {
  console.log(`\nPhase 3: HEIC uploads against reads, ${HEIC_SECONDS} s each`);
  console.log(table(HEAD, [readerRow("readers, no uploads", h.withoutUploads), readerRow("readers, one writer uploading", h.withUploads)]));
  console.log(
    `HEIC uploads (12 MP, ${Math.round(readFileSync(HEIC_PHOTO).length / 1024)} KB each): ${h.uploads.uploads} (${fmtCodes(h.uploads.byStatus)}), median ${h.uploads.p50} ms, max ${h.uploads.max} ms; reader p99 with uploads / without: ${h.ratio.toFixed(2)}x (must be <= 2x)`,
  );
}

// ---------------------------------------------------------------------------------------------

let server: RunningServer | null = null;
let readers: ReaderRun | null = null;
/** `--front`: deploy/nginx.conf, the shipped caching front, between the load and the server. */
const FRONT = process.argv.includes("--front");
const fronts: Nginx[] = [];
const frontTemp = new TempDirs();
/** The editors and probes loop while this is true; anything that ends the run clears it. */
let running = false;
installExitHooks(async () => {
  running = false;
  await readers?.stop();
  for (const n of fronts.splice(0)) await n.stop();
  await server?.stop();
  frontTemp.cleanup();
});

/** deploy/nginx.conf as shipped (only its upstream port, listen address and cache folder filled in) in front of `upstreamPort`. */
async function startFront(upstreamPort: number): Promise<Nginx> {
  const bin = findNginx();
  if (!bin) throw new Error("--front needs nginx (apt-get install nginx-light)");
  const dir = frontTemp.make("nginx-front");
  const cache = path.join(dir, "cache");
  mkdirSync(cache);
  return launchNginx({ bin, name: "front", dir, running: fronts, httpBody: (_dir, listen) => cachingFrontConf(upstreamPort, listen, cache) });
}

async function main() {
  const started = new Date();
  const loadAtStart = machineInfo().loadavg;
  const db = benchDatabase("loadtest.db");
  prepareDemoDatabase(db);
  const build = ensureBuild({ distDir: DIST, databaseUrl: db.url, force: process.argv.includes("--rebuild"), reuse: process.argv.includes("--reuse-build") });
  // 20 sign-ins from one address in a few seconds: raise the sign-in limits for this server only.
  const serverEnv = { MASTHEAD_LOGIN_MAX_PER_ACCOUNT: "10000", MASTHEAD_LOGIN_MAX_PER_ADDRESS: "10000", MASTHEAD_LOGIN_WINDOW_S: "60" };
  if (HEIC_ONLY) {
    const h = await heicPhase(db, serverEnv);
    printHeicPhase(h);
    const file = writeResults("loadtest", { startedAt: started.toISOString(), finishedAt: new Date().toISOString(), machine: machineInfo(), settings: { heicSeconds: HEIC_SECONDS, readers: READERS, build }, phase3: h });
    console.log(`\nResults: ${path.relative(ROOT, file)}`);
    console.log(`Phase 3 (reader p99 within 2x while HEIC uploads run): ${h.pass ? "PASS" : "FAIL"}`);
    console.log(h.pass ? "PASS" : "FAIL");
    if (!h.pass) process.exitCode = 1;
    return;
  }
  // Behind the front, the server trusts the one proxy in front of it for the client's address.
  const bootEnv = FRONT ? { ...serverEnv, MASTHEAD_TRUSTED_PROXIES: "1" } : serverEnv;
  const boot = (port?: number) => startServer({ distDir: DIST, databaseUrl: db.url, port, env: bootEnv, logName: "loadtest-server" });
  server = await boot();
  const port = server.port;
  const front = FRONT ? await startFront(port) : null;
  if (front) log(`readers and editors go through deploy/nginx.conf (the caching front) at ${front.url}`);
  const base = () => front?.url ?? server!.url;

  log("warming up the reader pages");
  for (const p of READER_PATHS) for (let i = 0; i < 3; i++) await fetch(base() + p).then((r) => r.arrayBuffer());

  const memoryBefore = processMemory(server.pid);
  // ---- phase 0 ------------------------------------------------------------------------------
  log(`phase 0: ${READERS} readers alone for ${QUIET_SECONDS} s`);
  readers = startReaders(base(), { connections: READERS, duration: QUIET_SECONDS, paths: READER_PATHS });
  const r0 = await readers.result;
  readers = null;
  log(`  reader p99 ${ms(r0.p99)} ms without editors`);

  log(`signing in ${EDITORS} editors, each creating its own story`);
  const editors = Array.from({ length: EDITORS }, (_, i) => new Editor(i + 1, ACCOUNTS[i % ACCOUNTS.length], SAVE_EVERY_MS));
  for (const e of editors) await e.start(base());

  // ---- phase 1 ------------------------------------------------------------------------------
  log(`phase 1: ${READERS} readers + ${EDITORS} editors for ${SECONDS} s`);
  running = true;
  readers = startReaders(base(), { connections: READERS, duration: SECONDS, paths: READER_PATHS });
  await readers.started;
  const t1 = performance.now();
  const t1Started = Date.now();
  const editing = Promise.all(editors.map((e) => e.run(base, () => running, 1)));
  const probing1 = probe(base, () => running);
  const progress = setInterval(() => {
    const s = saveStats(editors, 1);
    log(`  ${((performance.now() - t1) / 1000).toFixed(0)} s: ${s.requests} saves sent, ${s.acknowledged} acknowledged (${fmtCodes(s.byStatus)})`);
  }, 10_000);
  const r1 = await readers.result;
  const loadSeconds = (performance.now() - t1) / 1000;
  running = false;
  const loadEnded = performance.now();
  await editing;
  const p1 = await probing1;
  clearInterval(progress);
  const drainSeconds = (performance.now() - loadEnded) / 1000;
  if (drainSeconds > 1) log(`  the editors' last saves took ${drainSeconds.toFixed(1)} s to come back`);
  readers = null;
  const memoryAfter = processMemory(server.pid);
  log("phase 1 done; stopping the server to read the database");
  await server.stop();
  const v1 = await verify(db.file, editors);
  const s1 = saveStats(editors, 1);
  const parts1 = serverParts(editors, 1);
  const rate1 = saveThroughput(editors, 1, t1Started, loadSeconds);
  log(`  acknowledged ${v1.acknowledged}, found ${v1.found}`);

  if (PHASE1_ONLY) {
    server = null;
    const fivexx = count5xx(r1.statusCodes) + count5xx(s1.byStatus);
    const pass = v1.acknowledged === v1.found && v1.articlesOk === v1.articles && fivexx === 0;
    const file = writeResults("loadtest-phase1", {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: machineInfo(),
      settings: { front: FRONT, seconds: SECONDS, quietSeconds: QUIET_SECONDS, readers: READERS, editors: EDITORS, saveEveryMs: SAVE_EVERY_MS, readerPaths: READER_PATHS, distDir: DIST, database: path.relative(ROOT, db.file), build },
      phase0: { seconds: QUIET_SECONDS, readers: r0 },
      phase1: { memoryBefore, memoryAfter, loadSeconds, readers: r1, saves: s1, serverTiming: parts1, savesPerSecond: rate1, verification: v1, fivexx, pass },
    });
    console.log(`\nResults: ${path.relative(ROOT, file)}`);
    console.log(pass ? "PASS" : "FAIL");
    if (!pass) process.exitCode = 1;
    return;
  }

  // ---- phase 2 ------------------------------------------------------------------------------
  log(`phase 2: same load again on the same database; SIGKILL after ${KILL_AFTER} s, restart, ${AFTER_RESTART} s more`);
  server = await boot(port);
  running = true;
  readers = startReaders(base(), { connections: READERS, duration: KILL_AFTER + 60, paths: READER_PATHS });
  await readers.started;
  const t2 = performance.now();
  const editing2 = Promise.all(editors.map((e) => e.run(base, () => running, 2)));
  await sleep(KILL_AFTER * 1000);
  const pid = server.pid;
  await server.crash();
  const killedAt = (performance.now() - t2) / 1000;
  // Straight after the crash, before anything can repair or overwrite: is every save that was
  // acknowledged before the kill in the file?
  const vCrash = await verify(db.file, editors);
  log(`SIGKILL sent to pid ${pid} at ${killedAt.toFixed(1)} s; in the database right after it: ${vCrash.found} of ${vCrash.acknowledged} acknowledged saves`);
  await readers.stop();
  const r2a = await readers.result;
  log(`restarting on the same database and port ${port}`);
  const restartStarted = performance.now();
  server = await boot(port);
  const restartSeconds = (performance.now() - restartStarted) / 1000;
  readers = startReaders(base(), { connections: READERS, duration: AFTER_RESTART, paths: READER_PATHS });
  await readers.started;
  const r2b = await readers.result;
  readers = null;
  running = false;
  await editing2;
  const phase2Seconds = (performance.now() - t2) / 1000;
  await server.stop();
  server = null;
  const v2 = await verify(db.file, editors);
  const s2 = saveStats(editors, 2);

  // ---- phase 3 ------------------------------------------------------------------------------
  const h = WITH_HEIC ? await heicPhase(db, serverEnv) : null;
  if (!h) log("phase 3 (HEIC uploads) left out in burst mode (--heic keeps it)");

  // ---- report -------------------------------------------------------------------------------
  const fivexx1 = count5xx(r1.statusCodes) + count5xx(s1.byStatus);
  const fivexx2 = count5xx(r2a.statusCodes) + count5xx(r2b.statusCodes) + count5xx(s2.byStatus);
  const pass1 = v1.acknowledged === v1.found && v1.articlesOk === v1.articles && fivexx1 === 0;
  const pass2 = vCrash.acknowledged === vCrash.found && vCrash.articlesOk === vCrash.articles && v2.acknowledged === v2.found && v2.articlesOk === v2.articles && v2.regressions === 0;

  console.log("");
  const pace = SAVE_EVERY_MS > 0 ? `each autosaving every ${SAVE_EVERY_MS / 1000} s` : "burst: saving back to back";
  console.log(`Masthead load test — ${READERS} readers, ${EDITORS} editors (${pace}); ${machineInfo().cpus} CPUs, load average ${machineInfo().loadavg.join(" ")} (at start ${loadAtStart.join(" ")})${FRONT ? "; readers and editors through deploy/nginx.conf (--front)" : "; readers and editors straight to the server"}`);
  console.log(`\nPhase 0: ${QUIET_SECONDS} s of readers alone, then phase 1: ${loadSeconds.toFixed(1)} s of readers and editors, then ${drainSeconds.toFixed(1)} s for the last saves to come back`);
  console.log(table(HEAD, [readerRow("readers, no editors (phase 0)", r0), readerRow("readers, with editors (phase 1)", r1), saveRow("saves (PATCH, phase 1)", s1, loadSeconds)]));
  console.log(`acknowledged saves per second: ${rate1.perSecond} over phase 1, ${rate1.slowest10s} in its slowest 10 s`);
  printServerParts(parts1);
  console.log(`server memory: ${fmtMemory(memoryBefore)} after the warm-up; ${fmtMemory(memoryAfter)} after phases 0 and 1`);
  console.log(`probes (one anonymous GET a second, x-nextjs-cache): ${fmtProbe(p1)}`);
  console.log(
    `acknowledged saves ${v1.acknowledged} (incl. ${EDITORS} creations and ${EDITORS} warm-up saves), found in the database ${v1.found}; articles intact ${v1.articlesOk}/${v1.articles}; 409s ${editors.reduce((n, e) => n + e.conflicts[1], 0)}; 5xx ${fivexx1}`,
  );
  console.log(`\nPhase 2: ${phase2Seconds.toFixed(1)} s, SIGKILL at ${killedAt.toFixed(1)} s, back up in ${restartSeconds.toFixed(1)} s`);
  console.log(table(HEAD, [readerRow("readers before the kill", r2a), readerRow("readers after the restart", r2b), saveRow("saves (PATCH)", s2, phase2Seconds)]));
  console.log(
    `acknowledged saves (both phases) ${v2.acknowledged}, found in the database ${v2.found}; articles intact ${v2.articlesOk}/${v2.articles}; 409s ${editors.reduce((n, e) => n + e.conflicts[2], 0)} (a save whose answer was lost in the crash had landed); unacknowledged saves in the final text ${v2.unacknowledgedButSaved}; 5xx ${fivexx2}`,
  );
  console.log(
    `right after the SIGKILL (before the restart): acknowledged ${vCrash.acknowledged}, in the database ${vCrash.found}; articles intact ${vCrash.articlesOk}/${vCrash.articles}; versions gone backwards after the restart ${v2.regressions}`,
  );
  if (h) printHeicPhase(h);
  const problems = [...v1.problems.map((p) => `phase 1: ${p}`), ...vCrash.problems.map((p) => `after the kill: ${p}`), ...v2.problems.map((p) => `phase 2: ${p}`)];
  for (const p of problems.slice(0, 30)) console.log(`  ! ${p}`);

  const file = writeResults("loadtest", {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machineInfo(),
    settings: { front: FRONT, seconds: SECONDS, quietSeconds: QUIET_SECONDS, readers: READERS, editors: EDITORS, saveEveryMs: SAVE_EVERY_MS, burst: BURST !== undefined, killAfter: KILL_AFTER, afterRestart: AFTER_RESTART, readerPaths: READER_PATHS, distDir: DIST, database: path.relative(ROOT, db.file), build },
    phase0: { seconds: QUIET_SECONDS, readers: r0 },
    phase1: { memoryBefore, memoryAfter, loadSeconds, drainSeconds, probes: p1, readers: r1, saves: s1, serverTiming: parts1, savesPerSecond: rate1, verification: v1, fivexx: fivexx1, pass: pass1 },
    phase2: { seconds: phase2Seconds, killedAt, restartSeconds, readersBeforeKill: r2a, readersAfterRestart: r2b, saves: s2, verificationAfterKill: vCrash, verification: v2, fivexx: fivexx2, pass: pass2 },
    conflicts: { phase1: editors.reduce((n, e) => n + e.conflicts[1], 0), phase2: editors.reduce((n, e) => n + e.conflicts[2], 0) },
    phase3: h,
  });
  console.log(`\nResults: ${path.relative(ROOT, file)}`);
  console.log(`Phase 1 (no lost saves, no 5xx): ${pass1 ? "PASS" : "FAIL"}`);
  console.log(`Phase 2 (no lost saves across SIGKILL): ${pass2 ? "PASS" : "FAIL"}`);
  if (h) console.log(`Phase 3 (reader p99 within 2x while HEIC uploads run): ${h.pass ? "PASS" : "FAIL"}`);
  const pass = pass1 && pass2 && (h?.pass ?? true);
  console.log(pass ? "PASS" : "FAIL");
  if (!pass) process.exitCode = 1;
}

main()
  .catch(async (error) => {
    console.error(error);
    if (server) console.error(`--- server output (tail) ---\n${server.tail()}`);
    console.log("FAIL");
    process.exitCode = 1;
  })
  .finally(async () => {
    running = false;
    await readers?.stop();
    if (server) await stopProcess(server.child);
    // process.exit skips the exit hooks' async work: stop the front here, or its workers outlive it.
    for (const n of fronts.splice(0)) await n.stop();
    frontTemp.cleanup();
    // Editors still waiting on a request must not keep the process alive.
    process.exit(process.exitCode ?? 0);
  });
