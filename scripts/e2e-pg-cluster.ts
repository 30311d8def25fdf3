/**
 * The PostgreSQL e2e run's database (playwright.pg.config.ts): a private cluster on
 * E2E_PG_PORT, held until Playwright stops this process (SIGTERM), then stopped and deleted.
 *   node --import tsx scripts/e2e-pg-cluster.ts
 */
import { startPgCluster } from "./lib/pg-cluster";

const port = Number(process.env.E2E_PG_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("Set E2E_PG_PORT");
const cluster = await startPgCluster("masthead_e2e", { port });
console.log(`PostgreSQL for e2e: ${cluster.url}`);
const stop = () => {
  cluster.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// Nothing else keeps the event loop alive.
setInterval(() => {}, 1 << 30);
