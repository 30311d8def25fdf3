/**
 * The parts of `npm run loadtest` that every topology shares: readers (autocannon in a child
 * process), autosaving editors that remember every acknowledged save, and the report's rows.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { parseServerTiming } from "../../lib/http/server-timing";
import { type CannonStats, exited, log, percentile, ROOT, signIn, sleep, table, track } from "./server";

export type ReaderRun = { stop: () => Promise<void>; result: Promise<CannonStats>; started: Promise<void> };

/** Stats for a reader run that produced none (the child died or hung). */
const noStats = (url: string, why: string): CannonStats & { note: string } => ({
  url,
  seconds: 0,
  sent: 0,
  requests: 0,
  rps: 0,
  p50: NaN,
  p90: NaN,
  p99: NaN,
  max: NaN,
  non2xx: 0,
  errors: 0,
  timeouts: 0,
  statusCodes: {},
  bytesPerSecond: 0,
  note: why,
});

/** autocannon in a child process (node --import tsx, no wrapper process); `started` resolves once it is sending requests. */
export function startReaders(url: string, { connections, duration, paths }: { connections: number; duration: number; paths: string[] }): ReaderRun {
  const child = track(
    spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/loadtest.ts"), "--readers-child", JSON.stringify({ url, connections, duration, paths })], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  let out = "";
  let onStarted = () => {};
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  child.stdout?.on("data", (d) => {
    out += d;
    if (out.startsWith("started\n")) onStarted();
  });
  // A run that overstays its duration by a minute is killed (by PID) rather than waited for.
  const watchdog = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, "SIGKILL"), (duration + 60) * 1000);
  const result = exited(child).then(() => {
    clearTimeout(watchdog);
    onStarted();
    try {
      return JSON.parse(out.replace(/^started\n/, "")) as CannonStats;
    } catch {
      log(`the reader process printed no results (exit ${child.exitCode ?? child.signalCode})`);
      return noStats(url, `no results (exit ${child.exitCode ?? child.signalCode})`);
    }
  });
  return {
    result,
    started,
    stop: async () => {
      if (child.exitCode === null) {
        child.stdin?.write("stop\n");
        child.stdin?.end();
        const t = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, "SIGKILL"), 15_000);
        await result;
        clearTimeout(t);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Editors.

export type Ack = { articleId: string; version: number; counter: number; phase: number };
/** One save: its latency as the editor saw it, its status, and the server's Server-Timing parts. */
export type SaveSample = { ms: number; status: number | "error"; phase: number; at: number; server?: Record<string, number> };

export const marker = (editor: number, counter: number) => `[save ${editor}/${counter}]`;
const FILLER = Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} of the reporting, with quotes, figures and the context a reader needs to follow the story.`).join(" ");
export const bodyFor = (editor: number, counter: number) => `<p>Load-test story of editor ${editor}. ${marker(editor, counter)}</p><p>${FILLER}</p><p>${FILLER}</p>`;
/** The same story as the editor's own document (what the autosave sends as bodyJson). */
export const docFor = (editor: number, counter: number) => ({
  type: "doc",
  content: [`Load-test story of editor ${editor}. ${marker(editor, counter)}`, FILLER, FILLER].map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});
export const SERVER_PARTS = ["auth", "parse", "validate", "persist", "effects", "respond", "total"] as const;


/** Sleep up to `ms`, waking early once `running()` turns false. */
async function sleepWhile(ms: number, running: () => boolean) {
  const until = performance.now() + ms;
  while (running() && performance.now() < until) await sleep(Math.min(100, until - performance.now()));
}

export class Editor {
  cookie = "";
  articleId = "";
  version = 0;
  counter = 0;
  readonly acks: Ack[] = [];
  /** Counters sent whose save was not acknowledged (error, timeout, 5xx): they may or may not be in the database. */
  readonly unacknowledged = new Set<number>();
  readonly samples: SaveSample[] = [];
  readonly conflicts = [0, 0, 0];
  readonly regressions: string[] = [];
  /** The counter of the save in flight, if any: its outcome is not known yet. */
  pending: number | null = null;
  constructor(
    readonly index: number,
    readonly email: string,
    /** Pause between one save's answer and the next save; 0 saves back to back (burst). */
    readonly saveEveryMs = 2000,
  ) {}

  async start(base: string) {
    this.cookie = await signIn(base, this.email);
    const res = await fetch(`${base}/api/v1/articles`, {
      method: "POST",
      headers: { cookie: this.cookie, "content-type": "application/json" },
      body: JSON.stringify({ headline: `Load test story ${this.index} ${Date.now().toString(36)}`, body: bodyFor(this.index, 0), section: "news" }),
    });
    if (res.status !== 201) throw new Error(`editor ${this.index}: POST /api/v1/articles: HTTP ${res.status} ${await res.text()}`);
    const { article } = (await res.json()) as { article: { id: string; version: number } };
    this.articleId = article.id;
    this.version = article.version;
    this.acks.push({ articleId: article.id, version: article.version, counter: 0, phase: 1 });
    // One save of the same text before the clock starts, as a warm-up: the first PATCH loads the
    // route and the editor schema, which no later save pays for again.
    const warm = await fetch(`${base}/api/v1/articles/${this.articleId}`, {
      method: "PATCH",
      headers: { cookie: this.cookie, "content-type": "application/json", prefer: "return=minimal" },
      body: JSON.stringify({ bodyJson: docFor(this.index, 0), version: this.version }),
    });
    if (warm.status !== 200) throw new Error(`editor ${this.index}: warm-up PATCH: HTTP ${warm.status} ${await warm.text()}`);
    this.version = ((await warm.json()) as { article: { version: number } }).article.version;
    this.acks.push({ articleId: this.articleId, version: this.version, counter: 0, phase: 1 });
  }

  /** PATCH until `running()` turns false; never throws. */
  async run(base: () => string, running: () => boolean, phase: number) {
    // Autosaving editors do not all save in the same instant.
    if (this.saveEveryMs > 0) await sleep(Math.random() * this.saveEveryMs);
    while (running()) {
      const counter = ++this.counter;
      const started = performance.now();
      this.pending = counter;
      try {
        const res = await fetch(`${base()}/api/v1/articles/${this.articleId}`, {
          method: "PATCH",
          headers: { cookie: this.cookie, "content-type": "application/json", prefer: "return=minimal" },
          body: JSON.stringify({ bodyJson: docFor(this.index, counter), version: this.version }),
          signal: AbortSignal.timeout(30_000),
        });
        const json = (await res.json().catch(() => null)) as { article?: { version: number }; error?: { code: string; currentVersion?: number } } | null;
        this.samples.push({ ms: performance.now() - started, status: res.status, phase, at: Date.now(), server: parseServerTiming(res.headers.get("server-timing")) });
        this.pending = null;
        if (res.status === 200 && json?.article) {
          this.version = json.article.version;
          this.acks.push({ articleId: this.articleId, version: this.version, counter, phase });
          const wait = this.saveEveryMs - (performance.now() - started);
          if (wait > 0 && running()) await sleepWhile(wait, running);
        } else if (res.status === 409) {
          this.conflicts[phase]++;
          this.unacknowledged.add(counter);
          await this.refetch(base());
        } else {
          this.unacknowledged.add(counter);
          await sleep(100);
        }
      } catch {
        // Connection refused or reset (the server is down), or a timeout: the outcome is unknown.
        this.samples.push({ ms: performance.now() - started, status: "error", phase, at: Date.now() });
        this.unacknowledged.add(counter);
        this.pending = null;
        await sleep(200);
        if (running()) await this.refetch(base()).catch(() => undefined);
      }
    }
  }

  /** The server's version of our story; a version below our last acknowledged one means saves were lost. */
  private async refetch(base: string) {
    const res = await fetch(`${base}/api/v1/articles/${this.articleId}`, { headers: { cookie: this.cookie }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return;
    const version = ((await res.json()) as { article: { version: number } }).article.version;
    const last = this.acks[this.acks.length - 1];
    if (version < last.version) this.regressions.push(`editor ${this.index}: the server says v${version} after save v${last.version} was acknowledged`);
    this.version = version;
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting.

export function saveStats(editors: Editor[], phase: number) {
  const samples = editors.flatMap((e) => e.samples.filter((s) => s.phase === phase));
  const byStatus: Record<string, number> = {};
  for (const s of samples) byStatus[String(s.status)] = (byStatus[String(s.status)] ?? 0) + 1;
  const answered = Float64Array.from(samples.filter((s) => s.status !== "error").map((s) => s.ms)).sort();
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: samples.length,
    byStatus,
    acknowledged: editors.reduce((n, e) => n + e.acks.filter((a) => a.phase === phase && a.counter > 0).length, 0),
    p50: round(percentile(answered, 50)),
    p90: round(percentile(answered, 90)),
    p99: round(percentile(answered, 99)),
    max: round(answered.length ? answered[answered.length - 1] : NaN),
  };
}

/** Percentiles of each Server-Timing part over a phase's acknowledged saves. */
export function serverParts(editors: Editor[], phase: number) {
  const samples = editors.flatMap((e) => e.samples.filter((s) => s.phase === phase && s.status === 200 && s.server));
  const round = (n: number) => Math.round(n * 100) / 100;
  return Object.fromEntries(
    SERVER_PARTS.map((part) => {
      const sorted = Float64Array.from(samples.map((s) => s.server![part] ?? 0)).sort();
      return [part, { n: sorted.length, p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.length ? sorted[sorted.length - 1] : NaN) }];
    }),
  ) as Record<(typeof SERVER_PARTS)[number], { n: number; p50: number; p90: number; p99: number; max: number }>;
}

/** Acknowledged saves per second over the phase, and in its slowest whole 10 s window. */
export function saveThroughput(editors: Editor[], phase: number, startedAt: number, seconds: number) {
  const acked = editors.flatMap((e) => e.samples.filter((s) => s.phase === phase && s.status === 200).map((s) => s.at));
  const windows = Math.floor(seconds / 10);
  const counts = Array.from({ length: windows }, (_, w) => acked.filter((at) => at >= startedAt + w * 10_000 && at < startedAt + (w + 1) * 10_000).length / 10);
  return { perSecond: Math.round((acked.length / seconds) * 10) / 10, slowest10s: counts.length ? Math.min(...counts) : NaN, windows: counts };
}

export function printServerParts(parts: ReturnType<typeof serverParts>) {
  console.log("server time per acknowledged save (Server-Timing), ms:");
  console.log(table(["part", "saves", "p50", "p90", "p99", "max"], SERVER_PARTS.map((part) => [part, parts[part].n, ms(parts[part].p50), ms(parts[part].p90), ms(parts[part].p99), ms(parts[part].max)])));
}

export const count5xx = (codes: Record<string, number>) => Object.entries(codes).reduce((n, [k, v]) => n + (k.startsWith("5") ? v : 0), 0);
export const fmtCodes = (codes: Record<string, number>) =>
  Object.entries(codes)
    .sort()
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ") || "-";

/** Milliseconds, or "n/a" when nothing was answered (JSON turns NaN into null). */
export const ms = (n: number | null | undefined) => (typeof n === "number" && Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : "n/a");

export function readerRow(label: string, r: CannonStats): (string | number)[] {
  return [label, `${r.requests}/${r.sent}`, r.rps, fmtCodes(r.statusCodes), r.errors, r.timeouts, ms(r.p50), ms(r.p90), ms(r.p99)];
}
export function saveRow(label: string, s: ReturnType<typeof saveStats>, seconds: number): (string | number)[] {
  const { error = 0, ...codes } = s.byStatus;
  return [label, `${s.requests - error}/${s.requests}`, Math.round(s.requests / seconds), fmtCodes(codes), error, "-", ms(s.p50), ms(s.p90), ms(s.p99)];
}
export const HEAD = ["", "answered/sent", "req/s", "HTTP statuses", "conn. errors", "timeouts", "p50 ms", "p90 ms", "p99 ms"];


// ---------------------------------------------------------------------------------------------
// Verification: is every acknowledged save in the database?

export type StoredArticle = { article: { version: number; bodyText: string } | null; revisions: { version: number; bodyText: string; event: string }[] };

export type Verification = {
  acknowledged: number;
  found: number;
  articles: number;
  articlesOk: number;
  unacknowledgedButSaved: number;
  /** Times an editor was told a version below one it had been acknowledged. */
  regressions: number;
  problems: string[];
};

/**
 * Checks each editor's acknowledged saves against what the database holds (read by the caller,
 * from SQLite or PostgreSQL): the article ends at the last acknowledged save (or at a later one
 * whose answer was lost), its head revision matches it, and every acknowledged version is kept.
 */
export async function checkEditors(editors: Editor[], read: (articleId: string) => Promise<StoredArticle>): Promise<Verification> {
  const problems: string[] = [];
  let acknowledged = 0;
  let found = 0;
  let articlesOk = 0;
  let unacknowledgedButSaved = 0;
  for (const e of editors) {
    const stored = await read(e.articleId);
    const article = stored.article;
    const revisions = stored.revisions.filter((r) => r.event !== "conflict");
    acknowledged += e.acks.length;
    if (!article) {
      problems.push(`editor ${e.index}: article ${e.articleId} is missing`);
      continue;
    }
    const counters = [...article.bodyText.matchAll(/\[save (\d+)\/(\d+)\]/g)].map((m) => ({ editor: Number(m[1]), counter: Number(m[2]) }));
    const finalCounter = counters.length === 1 && counters[0].editor === e.index ? counters[0].counter : null;
    const last = e.acks[e.acks.length - 1];
    let lastOk = false;
    if (finalCounter === null) problems.push(`editor ${e.index}: cannot read the counter in the article body`);
    else if (finalCounter === last.counter && article.version === last.version) lastOk = true;
    else if (finalCounter > last.counter && (e.unacknowledged.has(finalCounter) || e.pending === finalCounter) && article.version > last.version) {
      lastOk = true; // a save whose answer was lost (in flight at the kill) made it anyway
      unacknowledgedButSaved++;
    } else problems.push(`editor ${e.index}: last acknowledged save v${last.version} counter ${last.counter}, but the article is v${article.version} with counter ${finalCounter}`);
    const head = revisions.find((r) => r.version === article.version);
    if (!head) problems.push(`editor ${e.index}: no revision at the article's version ${article.version}`);
    else if (head.bodyText !== article.bodyText) problems.push(`editor ${e.index}: the revision at v${article.version} differs from the article`);
    if (lastOk && head && head.bodyText === article.bodyText) articlesOk++;
    for (const ack of e.acks) {
      const kept =
        article.version >= ack.version &&
        (revisions.some((r) => r.version === ack.version && r.bodyText.includes(marker(e.index, ack.counter))) || revisions.some((r) => r.version > ack.version));
      const ok = kept && (ack !== last || lastOk);
      if (ok) found++;
      else if (problems.length < 50) problems.push(`editor ${e.index}: acknowledged save v${ack.version} (counter ${ack.counter}) not found`);
    }
  }
  for (const e of editors) problems.push(...e.regressions);
  return { acknowledged, found, articles: editors.length, articlesOk, unacknowledgedButSaved, regressions: editors.reduce((n, e) => n + e.regressions.length, 0), problems };
}
