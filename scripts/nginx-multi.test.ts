import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((bin) => spawnSync(bin, ["-v"]).status === 0);
const conf = readFileSync(path.join(import.meta.dirname, "..", "deploy", "nginx-multi.conf"), "utf8");

// CI installs nginx (.ci/run), and there a missing nginx fails the run. On a laptop without
// nginx (apt-get install nginx-light) only the syntax check waits for it; the directives are
// always checked.
if (process.env.CI === "true" && !nginx) throw new Error("nginx is not installed: .ci/run installs nginx-light");

describe("deploy/nginx-multi.conf", () => {
  it.runIf(nginx)("is accepted by nginx -t, with its cache in a temporary folder", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "masthead-nginx-"));
    const local = conf.replace(/proxy_cache_path \S+/, `proxy_cache_path ${dir}/cache`).replace(/listen 80;/, "listen 127.0.0.1:3620;");
    writeFileSync(path.join(dir, "masthead.conf"), local);
    writeFileSync(path.join(dir, "nginx.conf"), `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  include ${dir}/masthead.conf;\n}\n`);
    const out = execFileSync(nginx!, ["-t", "-p", dir, "-c", path.join(dir, "nginx.conf")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out).toBeDefined();
  });

  it("retries the next instance for idempotent requests only", () => {
    expect(conf).toMatch(/^\s*proxy_next_upstream error timeout http_502 http_503;/m);
    expect(conf).not.toMatch(/^\s*proxy_next_upstream\b[^;#]*non_idempotent/m);
    expect(conf.match(/^\s*server 127\.0\.0\.1:\d+/gm)?.length).toBeGreaterThanOrEqual(2);
  });
});
