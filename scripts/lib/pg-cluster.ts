/**
 * A private PostgreSQL 15 cluster for tests and scripts: initdb into a temporary folder, trust
 * auth, a free port on 127.0.0.1, stopped by pg_ctl. initdb refuses to run as root, so as root
 * the cluster runs as the `postgres` user.
 */
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const PG_BIN = process.env.MASTHEAD_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export type PgCluster = { url: string; dir: string; port: number; stop: () => void };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Runs a PostgreSQL binary, as `postgres` when this process is root. */
function run(bin: string, args: string[]): string {
  const file = path.join(PG_BIN, bin);
  if (process.getuid?.() === 0) {
    return execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", [file, ...args].map(quote).join(" ")], { encoding: "utf8", stdio: "pipe" });
  }
  return execFileSync(file, args, { encoding: "utf8", stdio: "pipe" });
}

/**
 * A private cluster. Tests run it with fsync off (nothing there outlives the run); `durable`
 * keeps PostgreSQL's defaults, for load tests whose figures should be a real server's. `port`:
 * a fixed port (the e2e config names its URL before the cluster exists); else a free one.
 */
export async function startPgCluster(database = "masthead", { port: fixedPort, durable = false }: { port?: number; durable?: boolean } = {}): Promise<PgCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), "masthead-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const port = fixedPort ?? (await freePort());
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
  run("pg_ctl", [
    "-D", data, "-l", path.join(dir, "log"), "-w", "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durable ? " -c max_connections=300" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"}`,
    "start",
  ]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", database]);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/${database}`, dir, port, stop };
}
