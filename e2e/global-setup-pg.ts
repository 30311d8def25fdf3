import { E2E_PG_DATABASE_URL } from "../playwright.pg.config";

/**
 * The PostgreSQL run's guard (e2e/global-setup.ts is SQLite's): the app servers use only the
 * private e2e cluster on loopback, which this run started itself (its webServer entry has
 * reuseExistingServer: false, so a port something else already listens on fails the run).
 */
export default function assertLocalDatabase() {
  const url = new URL(E2E_PG_DATABASE_URL);
  if (url.hostname !== "127.0.0.1" || url.pathname !== "/masthead_e2e") {
    throw new Error(`Refusing to run e2e tests: DATABASE_URL must be the private e2e cluster on 127.0.0.1 (got ${E2E_PG_DATABASE_URL}).`);
  }
}
