/**
 * Shared by `npm run bench` and `npm run loadtest`: a production build in its own dist dir, a
 * database of its own under data/, and scripts/serve.ts on a free port — never the newsroom's
 * .next/ or data/masthead.db.
 *
 * Safety rules:
 * - Databases must live directly in data/ and be named bench*.db or loadtest*.db; anything
 *   else is refused before scripts/prepare.ts --fresh gets a chance to delete it.
 * - Temporary directories are only removed when this process created them (TempDirs).
 * - Processes are only ever signalled by the PID this module spawned, and any still alive when
 *   the script exits are killed, so a crash never leaves a server holding a port.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DATA_DIR = path.join(ROOT, "data");
export const RESULTS_DIR = path.join(ROOT, "bench-results");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const SERVE = path.join(ROOT, "scripts/serve.ts");
const TSX_CLI = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const log = (...args: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

// ---------------------------------------------------------------------------------------------
// Child processes: tracked by PID, killed on exit.

const children = new Map<number, ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  if (child.pid === undefined) throw new Error("the child process did not start");
  const pid = child.pid;
  children.set(pid, child);
  child.once("exit", () => children.delete(pid));
  return child;
}

function killAllTracked() {
  for (const [pid, child] of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  }
  children.clear();
}

let exitHooksInstalled = false;
/** Kill our children on any way out; run the async cleanup on Ctrl-C first. */
export function installExitHooks(cleanup: () => Promise<void> | void) {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on("exit", killAllTracked);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      Promise.resolve(cleanup())
        .catch(() => {})
        .finally(() => process.exit(130));
    });
  }
}

/** Resolves when the process has exited (immediately if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM by PID, then SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  process.kill(child.pid, "SIGTERM");
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, "SIGKILL");
  }, graceMs);
  await exited(child);
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Ports and temporary directories.

/** A port that was free a moment ago on 127.0.0.1 (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** Resolves once nothing accepts connections on 127.0.0.1:<port>; throws after `timeoutMs`. */
export async function waitForFreePort(port: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  const inUse = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
  while (await inUse()) {
    if (Date.now() > deadline) throw new Error(`port ${port} is still in use: an earlier server did not exit`);
    await sleep(100);
  }
}

/** Temporary directories this process made; cleanup() removes exactly those and nothing else. */
export class TempDirs {
  private readonly made = new Set<string>();
  make(prefix: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), `masthead-${prefix}-`));
    this.made.add(dir);
    return dir;
  }
  cleanup() {
    for (const dir of this.made) {
      const tmp = path.resolve(os.tmpdir()) + path.sep;
      if (!dir.startsWith(tmp)) throw new Error(`refusing to delete ${dir}: not under ${tmp}`);
      rmSync(dir, { recursive: true, force: true });
    }
    this.made.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// Database.

/** data/<name>, checked to be a bench/loadtest database before anything can delete it. */
export function benchDatabase(name: string): { file: string; url: string } {
  if (!/^(bench|loadtest)[\w-]*\.db$/.test(name)) throw new Error(`refusing to use ${name}: bench databases are named bench*.db or loadtest*.db`);
  const file = path.join(DATA_DIR, name);
  if (path.dirname(file) !== DATA_DIR) throw new Error(`refusing to use ${file}: not directly in ${DATA_DIR}`);
  return { file, url: `file:${file}` };
}

/** Migrate and load the demo newsroom into a fresh database (scripts/prepare.ts --demo --fresh). */
export function prepareDemoDatabase(db: { file: string; url: string }) {
  // Re-check here too: prepare.ts --fresh deletes the file and its -wal/-shm/-journal.
  benchDatabase(path.basename(db.file));
  if (path.dirname(db.file) !== DATA_DIR) throw new Error(`refusing to reset ${db.file}`);
  mkdirSync(DATA_DIR, { recursive: true });
  log(`preparing ${path.relative(ROOT, db.file)} (demo newsroom, fresh)`);
  const result = spawnSync(process.execPath, [TSX_CLI, "scripts/prepare.ts", "--demo", "--fresh"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    throw new Error(`scripts/prepare.ts failed (exit ${result.status})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Build.

/** Inputs of the build; a build newer than all of them is reused. */
const BUILD_INPUTS = ["app", "components", "lib", "prisma/schema.prisma", "public", "next.config.ts", "proxy.ts", "instrumentation.ts", "postcss.config.mjs", "package-lock.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/**
 * `next build` into `distDir` unless a build there is newer than every source file (or
 * `force`). Needs a migrated database: the front page is prerendered at build time.
 *
 * `next build` adds `<distDir>/types/**` to tsconfig.json's include and repoints
 * next-env.d.ts at it. Those are shared files, so they are put back byte for byte afterwards
 * (only if nothing but the build changed them).
 */
export function ensureBuild({
  distDir,
  databaseUrl,
  force = false,
  reuse = false,
}: {
  distDir: string;
  databaseUrl: string;
  force?: boolean;
  /** Use an existing build even if sources changed since (--reuse-build). */
  reuse?: boolean;
}): { built: boolean; seconds: number } {
  if (!/^\.next-[\w-]+$/.test(distDir)) throw new Error(`refusing to build into ${distDir}`);
  const buildId = path.join(ROOT, distDir, "BUILD_ID");
  const sourcesAt = Math.max(...BUILD_INPUTS.map((p) => newestMtime(path.join(ROOT, p))));
  if (!force && existsSync(buildId) && (reuse || statSync(buildId).mtimeMs > sourcesAt)) {
    log(`reusing the build in ${distDir}/ (${reuse ? "--reuse-build" : "newer than every source file; --rebuild to force"})`);
    return { built: false, seconds: 0 };
  }
  const tsconfig = path.join(ROOT, "tsconfig.json");
  const nextEnv = path.join(ROOT, "next-env.d.ts");
  const before = { tsconfig: readFileSync(tsconfig, "utf8"), nextEnv: existsSync(nextEnv) ? readFileSync(nextEnv, "utf8") : null };
  log(`building into ${distDir}/ (next build; a few minutes on a busy machine)`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  restoreSharedFiles(distDir, before, { tsconfig, nextEnv });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    throw new Error(`next build failed (exit ${result.status}); it type-checks the whole tree, tests included, so an error anywhere stops it`);
  }
  const seconds = (Date.now() - started) / 1000;
  log(`built in ${seconds.toFixed(0)} s`);
  return { built: true, seconds };
}

function restoreSharedFiles(distDir: string, before: { tsconfig: string; nextEnv: string | null }, files: { tsconfig: string; nextEnv: string }) {
  // tsconfig.json: take out exactly the include lines next added for our dist dir, keeping
  // whatever anybody else changed meanwhile (other builds add their own lines too).
  const after = readFileSync(files.tsconfig, "utf8");
  if (after !== before.tsconfig) {
    const escaped = distDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const mine = new RegExp(`^\\s*"${escaped}/[^"]*",?[ \\t]*\\r?\\n`, "gm");
    const cleaned = after.replace(mine, "").replace(/,(\s*\])/g, "$1");
    try {
      const parsed = JSON.parse(cleaned) as { include?: string[] };
      if ((parsed.include ?? []).some((p) => p.startsWith(`${distDir}/`))) throw new Error("still there");
      // Byte-for-byte the old file when only our lines had been added.
      const unchanged = JSON.stringify(parsed) === JSON.stringify(JSON.parse(before.tsconfig));
      if (cleaned !== after) writeFileSync(files.tsconfig, unchanged ? before.tsconfig : cleaned);
    } catch {
      log(`note: could not take ${distDir}/ back out of tsconfig.json's include; please check it`);
    }
  }
  // next-env.d.ts (gitignored) now points at our dist dir's route types: point it back.
  if (before.nextEnv !== null && existsSync(files.nextEnv)) {
    const now = readFileSync(files.nextEnv, "utf8");
    if (now !== before.nextEnv && now.includes(`./${distDir}/`)) writeFileSync(files.nextEnv, before.nextEnv);
  }
}

// ---------------------------------------------------------------------------------------------
// Server.

export type RunningServer = {
  port: number;
  url: string;
  pid: number;
  child: ChildProcess;
  /** The last lines the server printed. */
  tail: (lines?: number) => string;
  /** SIGTERM (then SIGKILL after a grace period), by PID. */
  stop: () => Promise<void>;
  /** SIGKILL by PID, no grace: a crash. */
  crash: () => Promise<void>;
};

export async function waitForHealth(url: string, { timeoutMs = 120_000, child }: { timeoutMs?: number; child?: ChildProcess } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was healthy`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url}/api/health did not answer within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/**
 * The production server (scripts/serve.ts: Next behind the page cache) on 127.0.0.1:<port> from `distDir` on `databaseUrl`. Its output goes to
 * bench-results/<logName>.log and a ring buffer (shown when something fails).
 */
/**
 * The server's V8 heap limit, as `npm start` sets it (package.json). Without one, V8 sizes the
 * heap from the machine's memory (about 4 GB here) and grows it under load without giving it
 * back: the demo server reached 1.2 GB of RSS with some 170 MB of it live (issue 16).
 * MASTHEAD_SERVER_HEAP_MB overrides it (0: V8's own default).
 */
export const SERVER_HEAP_MB = Number(process.env.MASTHEAD_SERVER_HEAP_MB ?? 1024);

export async function startServer({
  distDir,
  databaseUrl,
  port,
  env = {},
  logName,
}: {
  distDir: string;
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  logName: string;
}): Promise<RunningServer> {
  const chosen = port ?? (await freePort());
  // A restart on the same port: make sure nothing still answers there, or the health check
  // below would be passed by the old server.
  if (port !== undefined) await waitForFreePort(port);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const logFile = createWriteStream(path.join(RESULTS_DIR, `${logName}.log`), { flags: "a" });
  const ring: string[] = [];
  const child = track(
    // `--import tsx`, not the tsx CLI: the CLI runs the script in a child process of its own, so
    // a SIGKILL by this PID would leave the real server running (and holding the port).
    // MASTHEAD_SERVER_NODE_ARGS: more options for the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
    // for a profile of what a benchmark costs the server (written when it is stopped, not SIGKILLed).
    spawn(process.execPath, [...(SERVER_HEAP_MB > 0 ? [`--max-old-space-size=${SERVER_HEAP_MB}`] : []), ...(process.env.MASTHEAD_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean), "--import", "tsx", SERVE, "-p", String(chosen)], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, DATABASE_URL: databaseUrl, PORT: String(chosen), NEXT_TELEMETRY_DISABLED: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  const onData = (chunk: Buffer) => {
    logFile.write(chunk);
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) ring.push(line);
    if (ring.length > 200) ring.splice(0, ring.length - 200);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  child.once("exit", (code, signal) => logFile.end(`--- exited ${code ?? signal} ---\n`));
  const url = `http://127.0.0.1:${chosen}`;
  const tail = (lines = 40) => ring.slice(-lines).join("\n");
  try {
    await waitForHealth(url, { child });
  } catch (error) {
    console.error(tail());
    await stopProcess(child, 2000);
    throw error;
  }
  log(`server up at ${url} (pid ${child.pid}, ${distDir}/, ${databaseUrl.replace(`file:${ROOT}/`, "")})`);
  return {
    port: chosen,
    url,
    pid: child.pid!,
    child,
    tail,
    stop: () => stopProcess(child),
    crash: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, "SIGKILL");
      await exited(child);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers shared by the scripts.

/** A signed-in session (cookie) from the credentials provider, as docs/api.md describes. */
export async function signIn(base: string, email: string, password = "masthead-demo"): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  keep(res);
  await res.arrayBuffer();
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in as ${email} failed: HTTP ${res.status}`);
  return cookie();
}

export function timestamp(d = new Date()): string {
  return d.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
}

export function writeResults(prefix: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${prefix}-${timestamp()}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
  return file;
}

/** Markdown-ish table with right-aligned numbers. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const fmt = (r: string[]) => "| " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  return [fmt(cells[0]), "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|", ...cells.slice(1).map(fmt)].join("\n");
}

export function machineInfo() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavg: os.loadavg().map((n) => Number(n.toFixed(2))), node: process.version, memGB: Math.round(os.totalmem() / 2 ** 30) };
}

// ---------------------------------------------------------------------------------------------
// Load generation (autocannon), with our own sub-millisecond latency record.

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export type CannonStats = {
  url: string;
  seconds: number;
  /** Requests sent, answered or not. */
  sent: number;
  /** Requests answered (any status). */
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  bytesPerSecond: number;
};

export type CannonRun = { done: Promise<CannonStats>; stop: () => void };

/**
 * autocannon against `url` (optionally cycling through `paths`), recording every response's
 * latency (all statuses, not only 2xx) with sub-millisecond precision.
 */
export async function cannon(opts: {
  url: string;
  connections: number;
  duration: number;
  paths?: string[];
  /** A fresh path for every request (the n-th request overall), so no cache can answer it. */
  uniquePath?: (n: number) => string;
  timeout?: number;
  headers?: Record<string, string>;
}): Promise<CannonRun> {
  const { default: autocannon } = await import("autocannon");
  const latencies: number[] = [];
  let sent = 0;
  let settle: { resolve: (s: CannonStats) => void; reject: (e: unknown) => void };
  const done = new Promise<CannonStats>((resolve, reject) => (settle = { resolve, reject }));
  const round = (n: number) => Math.round(n * 100) / 100;
  const instance = autocannon(
    {
      url: opts.url,
      connections: opts.connections,
      duration: opts.duration,
      timeout: opts.timeout ?? 10,
      headers: opts.headers,
      ...(opts.paths ? { requests: opts.paths.map((p) => ({ method: "GET" as const, path: p })) } : {}),
      ...(opts.uniquePath ? { requests: [{ method: "GET" as const, setupRequest: (req: import("autocannon").Request) => ({ ...req, path: opts.uniquePath!(sent++) }) }] } : {}),
    },
    (error, result) => {
      if (error) return settle.reject(error);
      const sorted = Float64Array.from(latencies).sort();
      const statusCodes: Record<string, number> = {};
      for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = v.count ?? 0;
      const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
      const seconds = result.duration;
      settle.resolve({
        url: opts.url,
        seconds: round(seconds),
        sent: result.requests.sent,
        requests: total,
        rps: Math.round(total / seconds),
        p50: round(percentile(sorted, 50)),
        p90: round(percentile(sorted, 90)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted.length ? sorted[sorted.length - 1] : NaN),
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes,
        bytesPerSecond: Math.round(result.throughput.average),
      });
    },
  );
  instance.on("response", (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  return { done, stop: () => instance.stop() };
}
