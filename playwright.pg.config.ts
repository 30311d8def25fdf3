import { defineConfig } from "@playwright/test";
import base, { e2eServerEnv } from "./playwright.config";

/**
 * The core e2e specs against PostgreSQL and two app instances (issue 15):
 *   E2E_PORT=<port> npx playwright test -c playwright.pg.config.ts
 * A private cluster (scripts/e2e-pg-cluster.ts) on E2E_PORT + 2000, the demo newsroom loaded
 * into it, and two instances, on E2E_PORT (the specs' baseURL) and E2E_PORT + 1, that share
 * nothing but the database and one NEXTAUTH_SECRET, as two servers behind a load balancer: each
 * has its own data directory (E2E_DATA_DIRS, which must stay empty: photos, staged imports and
 * sessions all live in the database) and its own copy of the build (its own Next cache files).
 * e2e/two-instances.pg.ts saves on one and reads on the other, imports a .docx on one and adds
 * its photo on the other, serves an upload from both, takes one instance's session cookie and
 * authenticator on the other, and finds both data directories empty; the other specs run as
 * they do on SQLite.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SECOND_URL = `http://127.0.0.1:${PORT + 1}`;
const PG_PORT = PORT + 2000;
export const E2E_PG_DATABASE_URL = `postgresql://postgres@127.0.0.1:${PG_PORT}/masthead_e2e`;
/** Each instance's own data directory, emptied when it starts: nothing of one is on the other's disk. */
export const E2E_DATA_DIRS = [`${process.cwd()}/data/e2e-pg-${PORT}-a`, `${process.cwd()}/data/e2e-pg-${PORT}-b`] as const;
const DIST_DIRS = [`.next-e2e-pg-${PORT}`, `.next-e2e-pg-${PORT}-b`] as const;
/** A fixed test value: a deployment sets one NEXTAUTH_SECRET on every instance (data/secret is per machine). */
const SHARED_SECRET = "e2e-two-instances-session-secret-0123456789";

const appEnv = (port: number, instance: 0 | 1) => ({
  ...e2eServerEnv(port),
  NEXT_DIST_DIR: DIST_DIRS[instance],
  MASTHEAD_DATA_DIR: E2E_DATA_DIRS[instance],
  NEXTAUTH_SECRET: SHARED_SECRET,
  DATABASE_URL: E2E_PG_DATABASE_URL,
});

// The school's OpenID provider, as the SQLite run starts it.
const idp = (Array.isArray(base.webServer) ? base.webServer : [])[0]!;

export default defineConfig({
  ...base,
  testMatch: ["aleppo-workflow.spec.ts", "access-matrix.spec.ts", "conflicts.spec.ts", "two-instances.pg.ts"],
  outputDir: `test-results/e2e-pg-${PORT}`,
  globalSetup: "./e2e/global-setup-pg.ts",
  webServer: [
    idp,
    {
      command: "node --import tsx scripts/e2e-pg-cluster.ts",
      port: PG_PORT,
      timeout: 60_000,
      reuseExistingServer: false,
      // SIGTERM, so the script stops the cluster and deletes its folder.
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: { E2E_PG_PORT: String(PG_PORT) },
    },
    {
      // The cluster is new on every run, so no --fresh: migrate and load the demo newsroom.
      command: `rm -rf ${E2E_DATA_DIRS[0]} && npx tsx scripts/prepare.ts --demo && npx next build && node --import tsx scripts/serve.ts -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      env: appEnv(PORT, 0),
      stdout: "pipe",
    },
    {
      // The same build, copied (a second server has its own disk), started once the first instance answers.
      command: `rm -rf ${E2E_DATA_DIRS[1]} ${DIST_DIRS[1]} && cp -r ${DIST_DIRS[0]} ${DIST_DIRS[1]} && node --import tsx scripts/serve.ts -p ${PORT + 1}`,
      url: `${E2E_SECOND_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: appEnv(PORT + 1, 1),
      stdout: "pipe",
    },
  ],
});
