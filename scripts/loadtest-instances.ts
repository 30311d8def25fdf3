/**
 * `npm run loadtest -- --instances 3` (issue 15): N Masthead instances on one PostgreSQL
 * database behind the shipped nginx upstream (deploy/nginx-multi.conf), under the usual load
 * of readers and autosaving editors, all through nginx.
 *
 *   1. Readers alone (the baseline), then readers with editors.
 *   2. Stories scheduled to go live during the run: every instance's scheduler races for them.
 *   3. Mid-run, one instance gets SIGKILL and is restarted a little later.
 *   4. The database is read: every acknowledged save must be there, each scheduled story
 *      published exactly once, and no GET may have had a 5xx (nginx retries idempotent
 *      requests on the other instances). Only saves in flight on the killed instance may fail.
 *
 * First, in the same run, the single-instance SQLite baseline: `npm run loadtest -- --phase1-only`
 * with the same readers, editors and seconds, so the two rows of the README's table come from
 * one machine at one time (`--no-single` leaves it out).
 *
 * A private PostgreSQL cluster (fsync on) is started unless DATABASE_URL is postgresql://.
 * Knobs as for the single-instance run: LOADTEST_SECONDS (60), LOADTEST_READERS (200),
 * LOADTEST_EDITORS (20, each autosaving every LOADTEST_SAVE_EVERY_MS, 2000), LOADTEST_KILL_AFTER (20). Results: bench-results/loadtest-instances-*.json.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { type Nginx } from "./lib/nginx";
import { publicationCounts, scheduleStories, startInstances, type Instances } from "./lib/instances";
import { checkEditors, count5xx, Editor, fmtCodes, HEAD, printServerParts, readerRow, type ReaderRun, saveRow, saveStats, serverParts, startReaders } from "./lib/loadtest-kit";
import { installExitHooks, log, machineInfo, sleep, table, TempDirs, writeResults } from "./lib/server";

const COUNT = Number(process.argv[process.argv.indexOf("--instances") + 1]);
const SECONDS = Number(process.env.LOADTEST_SECONDS ?? 60);
const READERS = Number(process.env.LOADTEST_READERS ?? 200);
const EDITORS = Number(process.env.LOADTEST_EDITORS ?? 20);
const SAVE_EVERY_MS = Number(process.env.LOADTEST_SAVE_EVERY_MS ?? 2000);
const KILL_AFTER = Number(process.env.LOADTEST_KILL_AFTER ?? 20);
const DOWN_FOR = 10;
/** How long after the SIGKILL nginx may still hand a save to the dead instance. */
const KILL_GRACE_MS = 2000;
const BASELINE_SECONDS = 10;
const SCHEDULED = 10;
const ACCOUNTS = ["adviser@demo.test", "editor@demo.test", "writer@demo.test", "writer2@demo.test"];
const READER_PATHS = ["/", "/articles/syrian-insurgents-enter-aleppo", "/sections/world", "/search?q=aleppo", "/sections/news", "/articles/library-extends-hours-for-exam-season", "/search?q=school"];

const temp = new TempDirs();
const nginxes: Nginx[] = [];
let instances: Instances | null = null;
let readers: ReaderRun | null = null;
let running = false;
installExitHooks(async () => {
  running = false;
  await readers?.stop();
  if (instances) await instances.stop();
  for (const n of nginxes.splice(0)) await n.stop();
  temp.cleanup();
});

async function readStored(databaseUrl: string, ids: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const articles = await client.query<{ id: string; version: number; bodyText: string }>('SELECT "id", "version", "bodyText" FROM "Article" WHERE "id" = ANY($1)', [ids]);
    const revisions = await client.query<{ articleId: string; version: number; bodyText: string; event: string }>('SELECT "articleId", "version", "bodyText", "event" FROM "Revision" WHERE "articleId" = ANY($1)', [ids]);
    return (id: string) =>
      Promise.resolve({ article: articles.rows.find((a) => a.id === id) ?? null, revisions: revisions.rows.filter((r) => r.articleId === id) });
  } finally {
    await client.end();
  }
}

/** What the single-instance baseline's results file holds (scripts/loadtest.ts --phase1-only). */
type SingleRun = {
  machine: { loadavg: number[] };
  phase0: { readers: Parameters<typeof readerRow>[1] };
  phase1: { loadSeconds: number; readers: Parameters<typeof readerRow>[1]; saves: Parameters<typeof saveRow>[1]; verification: { acknowledged: number; found: number }; fivexx: number; pass: boolean };
};

/** The single-instance SQLite run, as a child process with the same knobs; its results file, read back. */
async function runSingle(): Promise<SingleRun> {
  log(`single-instance baseline first (SQLite, the same ${READERS} readers and ${EDITORS} editors for ${SECONDS} s): npm run loadtest -- --phase1-only`);
  const env: NodeJS.ProcessEnv = { ...process.env, LOADTEST_SECONDS: String(SECONDS), LOADTEST_READERS: String(READERS), LOADTEST_EDITORS: String(EDITORS), LOADTEST_SAVE_EVERY_MS: String(SAVE_EVERY_MS), LOADTEST_QUIET_SECONDS: String(BASELINE_SECONDS) };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "loadtest.ts"), "--phase1-only", ...process.argv.filter((a) => a === "--reuse-build" || a === "--rebuild")], { env, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    process.stdout.write(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const file = /^Results: (.+)$/m.exec(out)?.[1];
  if (!file) throw new Error(`the single-instance baseline printed no results (exit ${code})`);
  return JSON.parse(readFileSync(path.resolve(import.meta.dirname, "..", file.trim()), "utf8")) as SingleRun;
}

async function main() {
  if (!Number.isInteger(COUNT) || COUNT < 2 || COUNT > 8) throw new Error("--instances takes a number of instances from 2 to 8");
  const started = new Date();
  const single = process.argv.includes("--no-single") ? null : await runSingle();
  const serverEnv = { MASTHEAD_LOGIN_MAX_PER_ACCOUNT: "10000", MASTHEAD_LOGIN_MAX_PER_ADDRESS: "10000", MASTHEAD_LOGIN_WINDOW_S: "60" };
  instances = await startInstances({ count: COUNT, distDir: ".next-loadtest-pg", env: serverEnv, temp, running: nginxes });
  const base = instances.url;
  const victim = Math.floor(COUNT / 2);

  log("warming up the reader pages through nginx");
  for (const p of READER_PATHS) for (let i = 0; i < 3; i++) await fetch(base + p).then((r) => r.arrayBuffer());

  log(`baseline: ${READERS} readers, no editors, ${BASELINE_SECONDS} s`);
  readers = startReaders(base, { connections: READERS, duration: BASELINE_SECONDS, paths: READER_PATHS });
  const baseline = await readers.result;

  log(`signing in ${EDITORS} editors through nginx, each creating its own story`);
  const editors = Array.from({ length: EDITORS }, (_, i) => new Editor(i + 1, ACCOUNTS[i % ACCOUNTS.length]!, SAVE_EVERY_MS));
  for (const e of editors) await e.start(base);
  // Half go live before the kill, half while an instance is down.
  const scheduled = [...(await scheduleStories(base, SCHEDULED / 2, 8)), ...(await scheduleStories(base, SCHEDULED / 2, KILL_AFTER + 3))];
  log(`${scheduled.length} stories scheduled; every instance's scheduler runs each second`);

  log(`load: ${READERS} readers + ${EDITORS} editors for ${SECONDS} s; SIGKILL instance ${victim + 1} at ${KILL_AFTER} s, restarted ${DOWN_FOR} s later`);
  running = true;
  readers = startReaders(base, { connections: READERS, duration: SECONDS, paths: READER_PATHS });
  await readers.started;
  const t0 = performance.now();
  const editing = Promise.all(editors.map((e) => e.run(() => base, () => running, 1)));
  await sleep(KILL_AFTER * 1000);
  const killMark = Date.now();
  const killedAt = (performance.now() - t0) / 1000;
  await instances.kill(victim);
  await sleep(DOWN_FOR * 1000);
  const restartAt = performance.now();
  await instances.restart(victim);
  const restartSeconds = (performance.now() - restartAt) / 1000;
  log(`instance ${victim + 1} back in ${restartSeconds.toFixed(1)} s`);
  const loaded = await readers.result;
  readers = null;
  running = false;
  await editing;
  const loadSeconds = (performance.now() - t0) / 1000;
  // The schedulers have had the whole run; give the last tick a moment.
  await sleep(3000);

  const read = await readStored(instances.databaseUrl, editors.map((e) => e.articleId));
  const v = await checkEditors(editors, read);
  const published = await publicationCounts(instances.databaseUrl, scheduled);
  const saves = saveStats(editors, 1);
  const readers5xx = count5xx(baseline.statusCodes) + count5xx(loaded.statusCodes);
  const failedSaves = saves.requests - saves.acknowledged;
  // Only a save in flight on the instance that died may fail: answered after the kill, and sent
  // before it or in the moment after it, when nginx still writes to its kept-alive connections
  // to the dead instance (a non-idempotent request already written is never retried elsewhere).
  const failed = editors.flatMap((e) => e.samples.filter((s) => s.status !== 200 && s.status !== 409));
  // `at` is when the answer came (Date.now()); it was sent `ms` before.
  const failedAwayFromKill = failed.filter((s) => !(s.at - s.ms <= killMark + KILL_GRACE_MS && s.at >= killMark)).length;

  console.log("");
  console.log(`Masthead load test, ${COUNT} instances on PostgreSQL (${instances.database}) behind nginx — ${READERS} readers, ${EDITORS} editors; ${machineInfo().cpus} CPUs, load average ${machineInfo().loadavg.join(" ")}`);
  console.log(table(HEAD, [readerRow("readers alone (GET)", baseline), readerRow("readers with editors (GET)", loaded), saveRow("saves (PATCH)", saves, loadSeconds)]));
  printServerParts(serverParts(editors, 1));
  console.log(`instance ${victim + 1} SIGKILLed at ${killedAt.toFixed(1)} s, restarted ${DOWN_FOR} s later (healthy in ${restartSeconds.toFixed(1)} s)`);
  console.log(`acknowledged saves ${v.acknowledged} (incl. ${EDITORS} creations), found in the database ${v.found}; articles intact ${v.articlesOk}/${v.articles}; saves not acknowledged ${failedSaves} (${fmtCodes(saves.byStatus)}), of which in the final text ${v.unacknowledgedButSaved}`);
  console.log(`saves that failed other than in flight on the killed instance (sent before it or within ${KILL_GRACE_MS / 1000} s after): ${failedAwayFromKill} of ${failed.length} failed saves`);
  console.log(`scheduled stories: ${published.published} of ${scheduled.length} published exactly once, ${published.twice} more than once, ${published.never} not at all`);
  console.log(`5xx on GETs (nginx retries them on the other instances): ${readers5xx}`);
  for (const p of v.problems.slice(0, 30)) console.log(`  ! ${p}`);
  if (single) {
    console.log(`\nSame run, side by side: one instance on SQLite (load average ${single.machine.loadavg.join(" ")} after it) and ${COUNT} instances on PostgreSQL behind nginx`);
    console.log(
      table(HEAD, [
        readerRow("1 × SQLite: readers alone", single.phase0.readers),
        readerRow(`${COUNT} × PostgreSQL: readers alone`, baseline),
        readerRow("1 × SQLite: readers with editors", single.phase1.readers),
        readerRow(`${COUNT} × PostgreSQL: readers with editors`, loaded),
        saveRow("1 × SQLite: saves (PATCH)", single.phase1.saves, single.phase1.loadSeconds),
        saveRow(`${COUNT} × PostgreSQL: saves (PATCH)`, saves, loadSeconds),
      ]),
    );
    console.log(`1 × SQLite: acknowledged saves ${single.phase1.verification.acknowledged}, found ${single.phase1.verification.found}; 5xx ${single.phase1.fivexx} (no SIGKILL in this part)`);
  }

  const pass = v.acknowledged === v.found && v.articlesOk === v.articles && v.regressions === 0 && published.twice === 0 && published.never === 0 && readers5xx === 0 && failedAwayFromKill === 0 && (single?.phase1.pass ?? true);
  const file = writeResults("loadtest-instances", {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machineInfo(),
    settings: { instances: COUNT, database: instances.database, seconds: SECONDS, readers: READERS, editors: EDITORS, killAfter: KILL_AFTER, downFor: DOWN_FOR, readerPaths: READER_PATHS, build: instances.build },
    baseline,
    readers: loaded,
    saves,
    verification: v,
    scheduled: published,
    killedAt,
    restartSeconds,
    readers5xx,
    failedSaves: failed.length,
    failedAwayFromKill,
    single,
    pass,
  });
  console.log(`\nResults: ${file}`);
  console.log(pass ? "PASS" : "FAIL");
  if (!pass) process.exitCode = 1;
}

await main()
  .catch((error) => {
    console.error(error);
    for (const s of instances?.servers ?? []) console.error(`--- instance output (tail) ---\n${s.tail(20)}`);
    console.log("FAIL");
    process.exitCode = 1;
  })
  .finally(async () => {
    running = false;
    await readers?.stop();
    await instances?.stop();
    instances = null;
    for (const n of nginxes.splice(0)) await n.stop();
    temp.cleanup();
    process.exit(process.exitCode ?? 0);
  });
