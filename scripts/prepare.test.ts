/**
 * scripts/prepare.ts on PostgreSQL refuses to start without NEXTAUTH_SECRET (issue 15): the
 * fallback, data/secret, is a file on one machine, so a second instance on the same database
 * would sign its own sessions (and seal authenticators) with another key and refuse the first's
 * cookies. The check runs before the database is touched, so no cluster is needed here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const TSX_CLI = path.join(root, "node_modules/tsx/dist/cli.mjs");
// Nothing listens on port 9 (discard): had the check not stopped it, prepare would fail connecting.
const UNREACHABLE_PG = "postgresql://masthead@127.0.0.1:9/masthead";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function prepare(env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "masthead-prepare-"));
  dirs.push(dir);
  const { NEXTAUTH_SECRET: _secret, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [TSX_CLI, "scripts/prepare.ts"], {
    cwd: root,
    encoding: "utf8",
    env: { ...inherited, MASTHEAD_DATA_DIR: dir, ...env },
    timeout: 60_000,
  });
  return { ...result, dir };
}

describe("scripts/prepare.ts and the session secret", () => {
  it("on PostgreSQL with no NEXTAUTH_SECRET, exits with a message naming it, and writes no data/secret", () => {
    const result = prepare({ DATABASE_URL: UNREACHABLE_PG });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("NEXTAUTH_SECRET is not set");
    expect(result.stderr).toContain("data/secret");
    expect(existsSync(path.join(result.dir, "secret"))).toBe(false);
  });

  it("on PostgreSQL with NEXTAUTH_SECRET, goes on to the database (and still writes no data/secret)", () => {
    const result = prepare({ DATABASE_URL: UNREACHABLE_PG, NEXTAUTH_SECRET: "one-secret-for-every-instance" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).not.toContain("NEXTAUTH_SECRET is not set");
    expect(result.stderr).toMatch(/ECONNREFUSED|connect/);
    expect(existsSync(path.join(result.dir, "secret"))).toBe(false);
  });
});
