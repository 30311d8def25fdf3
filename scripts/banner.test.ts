import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `npm run demo` prints the demo accounts with `tsx scripts/banner.ts`, a plain script run
 * outside Next: it must load nothing that is server-only (the seed's use cases are), or the
 * demo stops before its server starts. Run exactly as package.json runs it.
 */
describe("the demo banner", () => {
  it("runs as `npm run demo` runs it and lists every demo account", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const run = spawnSync(tsx, ["scripts/banner.ts"], { cwd: root, encoding: "utf8", env: { ...process.env, PORT: "3999" }, timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const email of ["adviser@demo.test", "editor@demo.test", "writer@demo.test", "writer2@demo.test"]) expect(run.stdout).toContain(email);
    expect(run.stdout).toContain("http://127.0.0.1:3999/newsroom");
  });
});
