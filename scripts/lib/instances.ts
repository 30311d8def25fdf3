/**
 * Several Masthead instances on one PostgreSQL database behind the shipped nginx upstream
 * (deploy/nginx-multi.conf), for `npm run loadtest -- --instances N` (issue 15). A private
 * PostgreSQL cluster is started when DATABASE_URL is not a postgresql:// URL, and stopped at
 * the end. Everything binds 127.0.0.1 and is stopped by its PID.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { findNginx, launchNginx, type Nginx } from "./nginx";
import { startPgCluster, type PgCluster } from "./pg-cluster";
import { ensureBuild, freePort, log, ROOT, type RunningServer, signIn, startServer, type TempDirs } from "./server";

const TSX_CLI = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

export type Instances = {
  /** nginx in front of every instance. */
  url: string;
  databaseUrl: string;
  /** A private cluster, or "DATABASE_URL" when one was given. */
  database: "private cluster" | "DATABASE_URL";
  servers: RunningServer[];
  nginx: Nginx;
  build: { built: boolean; seconds: number };
  /** SIGKILL instance i (by PID): a crash, no grace. */
  kill: (i: number) => Promise<void>;
  /** Start instance i again on its port. */
  restart: (i: number) => Promise<void>;
  stop: () => Promise<void>;
};

/** deploy/nginx-multi.conf with our instances, port and cache folder; nothing else changed. */
export function multiInstanceConf(ports: number[], listenPort: number, cacheDir: string): string {
  const conf = readFileSync(path.join(ROOT, "deploy/nginx-multi.conf"), "utf8");
  const servers = ports.map((p) => `    server 127.0.0.1:${p} max_fails=2 fail_timeout=10s;`).join("\n");
  const out = conf
    .replace(/^proxy_cache_path \S+/m, `proxy_cache_path ${cacheDir}`)
    .replace(/^\s*listen 80;.*$/m, `    listen 127.0.0.1:${listenPort};`)
    .replace(/(upstream masthead \{\n(?:\s*#.*\n)*)(?:\s*server 127\.0\.0\.1:\d+[^\n]*\n)+/, `$1${servers}\n`);
  if (!out.includes(servers) || !out.includes(`listen 127.0.0.1:${listenPort};`)) throw new Error("deploy/nginx-multi.conf no longer has the upstream/listen lines this script rewrites");
  return out;
}

export async function startInstances({ count, distDir, env, temp, running }: { count: number; distDir: string; env: Record<string, string>; temp: TempDirs; running: Nginx[] }): Promise<Instances & { cluster: PgCluster | null }> {
  const bin = findNginx();
  if (!bin) throw new Error("--instances needs nginx (apt-get install nginx-light)");
  const given = process.env.DATABASE_URL?.startsWith("postgresql://") ? process.env.DATABASE_URL : null;
  const cluster = given ? null : await startPgCluster("masthead_loadtest", { durable: true });
  const databaseUrl = given ?? cluster!.url;
  log(`PostgreSQL: ${given ? "DATABASE_URL" : `a private cluster on port ${cluster!.port} (fsync on)`}`);
  // One session secret for every instance, as a deployment sets it (prepare.ts refuses PostgreSQL without one).
  const secret = process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url");
  const prepare = spawnSync(process.execPath, [TSX_CLI, "scripts/prepare.ts", ...(given ? [] : ["--demo"])], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret }, encoding: "utf8" });
  if (prepare.status !== 0) {
    process.stdout.write(prepare.stdout ?? "");
    process.stderr.write(prepare.stderr ?? "");
    throw new Error(`scripts/prepare.ts failed on PostgreSQL (exit ${prepare.status})`);
  }
  const build = ensureBuild({ distDir, databaseUrl, force: process.argv.includes("--rebuild"), reuse: process.argv.includes("--reuse-build") });
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const boot = (i: number) =>
    startServer({ distDir, databaseUrl, port: ports[i], env: { MASTHEAD_TRUSTED_PROXIES: "1", MASTHEAD_SCHEDULER_MS: "1000", NEXTAUTH_SECRET: secret, ...env }, logName: `loadtest-instance-${i + 1}` });
  const servers: RunningServer[] = [];
  for (let i = 0; i < count; i++) servers.push(await boot(i));
  const dir = temp.make("nginx-instances");
  const cache = path.join(dir, "cache");
  mkdirSync(cache);
  const nginx = await launchNginx({ bin, name: "instances", dir, running, httpBody: (_dir, port) => multiInstanceConf(ports, port, cache) });
  return {
    url: nginx.url,
    databaseUrl,
    database: given ? "DATABASE_URL" : "private cluster",
    servers,
    nginx,
    build,
    cluster,
    kill: async (i) => {
      log(`SIGKILL to instance ${i + 1} (pid ${servers[i]!.pid})`);
      await servers[i]!.crash();
    },
    restart: async (i) => {
      servers[i] = await boot(i);
    },
    stop: async () => {
      await nginx.stop();
      for (const s of servers) await s.stop();
      cluster?.stop();
    },
  };
}

/**
 * `n` stories scheduled to go live `inSeconds` from now, by the demo adviser through the API
 * (create, submit, approve, publish with a future publishAt): every instance's scheduler then
 * races to publish them.
 */
export async function scheduleStories(base: string, n: number, inSeconds: number): Promise<string[]> {
  const cookie = await signIn(base, "adviser@demo.test");
  const call = async (method: string, url: string, body: unknown) => {
    const res = await fetch(base + url, { method, headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = (await res.json().catch(() => null)) as { article?: { id: string } } | null;
    if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const target = Date.now() + inSeconds * 1000;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const created = await call("POST", "/api/v1/articles", { headline: `Scheduled story ${i + 1} ${Date.now().toString(36)}`, dek: "Goes live on its own.", body: `<p>Scheduled story ${i + 1}, published by whichever instance's scheduler gets there first.</p>`, section: "news" });
    const id = created!.article!.id;
    for (const input of [{ action: "submit" }, { action: "approve" }]) await call("POST", `/api/v1/articles/${id}/transitions`, input);
    ids.push(id);
  }
  // On a loaded machine the stories can take longer to prepare than `inSeconds`: a time already
  // gone would be refused (422), so it is then a few seconds from now.
  for (const id of ids) {
    const publishAt = new Date(Math.max(target, Date.now() + 3000)).toISOString();
    await call("POST", `/api/v1/articles/${id}/transitions`, { action: "publish", publishAt });
  }
  return ids;
}

/** How many times each story was published by the scheduler: its audit entries and its revisions. */
export async function publicationCounts(databaseUrl: string, ids: string[]): Promise<{ published: number; twice: number; never: number; perStory: Record<string, number> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ subject: string; n: string }>(`SELECT "subject", count(*) AS n FROM "AuditLog" WHERE "action" = 'article.scheduled_publish' AND "subject" = ANY($1) GROUP BY "subject"`, [ids]);
    const perStory = Object.fromEntries(ids.map((id) => [id, Number(rows.find((r) => r.subject === id)?.n ?? 0)]));
    const counts = Object.values(perStory);
    return { published: counts.filter((c) => c === 1).length, twice: counts.filter((c) => c > 1).length, never: counts.filter((c) => c === 0).length, perStory };
  } finally {
    await client.end();
  }
}
