import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// The e2e suite owns its database file and deletes it at start; it never touches data/masthead.db.
export const E2E_DATA_DIR = `${process.cwd()}/data/e2e-${PORT}`;
export const E2E_DATABASE_URL = `file:${E2E_DATA_DIR}/masthead.db`;
/** The e2e server's build folder (next build's distDir, relative to the project: Next appends an absolute one to it). */
export const E2E_DIST_DIR = `.next-e2e-${PORT}`;
/**
 * Sign-in limits for the e2e server: the production counts with a 10 s window instead of 15
 * minutes, so e2e/sign-in-and-tokens.spec.ts can wait a lockout out. The server trusts no
 * proxy, so it knows no client address: locks are per account, and there is no address budget
 * for specs to share (e2e/lockout.spec.ts).
 */
export const E2E_LOGIN_LIMITS = { perAccount: 5, perAddress: 30, windowS: 10 };
/**
 * The school's OpenID provider (e2e/school-idp.mjs, panva's oidc-provider) runs beside the app
 * on its own port, and the whole e2e server has single sign-on configured against it, so every
 * spec runs with SSO on. Single sign-on accepts these domains only (the demo accounts' and the
 * specs' own); e2e/sso.spec.ts signs in elsewhere to see the refusal.
 */
export const E2E_IDP = {
  port: PORT + 1000,
  url: `http://127.0.0.1:${PORT + 1000}`,
  clientId: "masthead-e2e",
  clientSecret: "e2e-oidc-client-secret",
  name: "School ID",
  allowedDomains: "demo.test, e2e.test, school.test",
};

/**
 * The e2e server's mail server: a real SMTP catcher that e2e/forgot-password.spec.ts listens
 * with on this port while it runs (nothing listens otherwise, and a send then only logs).
 */
export const E2E_SMTP_PORT = PORT + 10000;
/** What every e2e server runs with: fast scheduler, low sign-in limits, the school's provider, local SMTP. */
export function e2eServerEnv(port: number): Record<string, string> {
  return {
    MASTHEAD_SCHEDULER_MS: "1000",
    MASTHEAD_LOGIN_MAX_PER_ACCOUNT: String(E2E_LOGIN_LIMITS.perAccount),
    MASTHEAD_LOGIN_MAX_PER_ADDRESS: String(E2E_LOGIN_LIMITS.perAddress),
    MASTHEAD_LOGIN_WINDOW_S: String(E2E_LOGIN_LIMITS.windowS),
    MASTHEAD_OIDC_ISSUER: E2E_IDP.url,
    MASTHEAD_OIDC_CLIENT_ID: E2E_IDP.clientId,
    MASTHEAD_OIDC_CLIENT_SECRET: E2E_IDP.clientSecret,
    MASTHEAD_OIDC_NAME: E2E_IDP.name,
    MASTHEAD_SSO_ALLOWED_DOMAINS: E2E_IDP.allowedDomains,
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(E2E_SMTP_PORT),
    SMTP_SECURE: "false",
    PORT: String(port),
  };
}

// Debian's Chromium where present (Playwright cannot download browsers on every machine).
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  // Per-port output, so two suites on different ports never clear each other's artifacts.
  outputDir: `test-results/e2e-${PORT}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: "node e2e/school-idp.mjs",
      url: `${E2E_IDP.url}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { E2E_IDP_PORT: String(E2E_IDP.port), E2E_PORT: String(PORT), E2E_OIDC_CLIENT_ID: E2E_IDP.clientId, E2E_OIDC_CLIENT_SECRET: E2E_IDP.clientSecret },
    },
    {
      command: `npx tsx scripts/prepare.ts --demo --fresh && npx next build && node --import tsx scripts/serve.ts -p ${PORT}`,
      url: `${BASE_URL}/api/health`,
      // A production build; on a busy 2-core machine it can take several minutes.
      timeout: 600_000,
      reuseExistingServer: false,
      env: { ...e2eServerEnv(PORT), NEXT_DIST_DIR: E2E_DIST_DIR, MASTHEAD_DATA_DIR: E2E_DATA_DIR, DATABASE_URL: E2E_DATABASE_URL },
      stdout: "pipe",
    },
  ],
});
