import { defineConfig } from "@playwright/test";
import base, { e2eServerEnv } from "./playwright.config";

/**
 * The core e2e specs against PostgreSQL and two app instances (issue 15):
 *   E2E_PORT=<port> npx playwright test -c playwright.pg.config.ts
 * A private cluster (scripts/e2e-pg-cluster.ts) on E2E_PORT + 2000, the demo newsroom loaded
 * into it, one production build served twice: on E2E_PORT (the specs' baseURL) and on
 * E2E_PORT + 1, sharing the database and the data directory (so the session secret), as two
 * servers behind a load balancer would. e2e/two-instances.pg.ts saves on one and reads on the
 * other; the other specs run as they do on SQLite.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SECOND_URL = `http://127.0.0.1:${PORT + 1}`;
const PG_PORT = PORT + 2000;
export const E2E_PG_DATABASE_URL = `postgresql://postgres@127.0.0.1:${PG_PORT}/masthead_e2e`;
const DATA_DIR = `${process.cwd()}/data/e2e-pg-${PORT}`;

const appEnv = (port: number) => ({ ...e2eServerEnv(port), NEXT_DIST_DIR: `.next-e2e-pg-${PORT}`, MASTHEAD_DATA_DIR: DATA_DIR, DATABASE_URL: E2E_PG_DATABASE_URL });

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
      command: `npx tsx scripts/prepare.ts --demo && npx next build && node --import tsx scripts/serve.ts -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      env: appEnv(PORT),
      stdout: "pipe",
    },
    {
      // The same build, started once the first instance answers.
      command: `node --import tsx scripts/serve.ts -p ${PORT + 1}`,
      url: `${E2E_SECOND_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: appEnv(PORT + 1),
      stdout: "pipe",
    },
  ],
});
