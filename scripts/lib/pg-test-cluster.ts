/**
 * A private PostgreSQL cluster started by a test itself, so that tests of what several app
 * instances share run in the ordinary `npm run test:unit` too. PostgreSQL missing is a failure
 * with the reason, never a silent skip (.ci/run installs Debian's postgresql).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { PG_BIN, type PgCluster, startPgCluster } from "./pg-cluster";
import { migratePostgres } from "./pg-migrate";

export async function startTestPgCluster({ migrate = true }: { migrate?: boolean } = {}): Promise<PgCluster> {
  if (!existsSync(path.join(PG_BIN, "initdb"))) {
    throw new Error(
      `PostgreSQL 15 is not installed: ${path.join(PG_BIN, "initdb")} is missing. This test needs a private cluster ` +
        "(apt-get install postgresql, as .ci/run does; or set MASTHEAD_PG_BIN to its bin folder).",
    );
  }
  const cluster = await startPgCluster(`masthead_${process.pid}`);
  if (migrate) {
    try {
      await migratePostgres(cluster.url);
    } catch (error) {
      cluster.stop();
      throw error;
    }
  }
  return cluster;
}
