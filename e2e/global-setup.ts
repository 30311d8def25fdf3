import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { E2E_DATABASE_URL } from "../playwright.config";

/**
 * Refuses to run the suite unless the server's database is a local SQLite file under data/ and
 * not the newsroom's own data/masthead.db: the specs create, publish and deactivate freely
 * (dub `playwright/assert-local-database.ts`).
 */
export default function assertLocalDatabase(config: FullConfig) {
  const url = config.webServer?.env?.DATABASE_URL ?? E2E_DATABASE_URL;
  // The server's data/ folder: it runs in webServer.cwd, which defaults to the config's folder.
  const root = config.webServer?.cwd ?? (config.configFile ? path.dirname(config.configFile) : process.cwd());
  const dataDir = path.join(root, "data");
  // "file:/abs/path" or "file:./rel"; a "file://host/..." URL names another machine.
  const file = url.startsWith("file:") && !url.startsWith("file://") ? path.resolve(url.slice("file:".length)) : null;
  const relative = file ? path.relative(dataDir, file) : "..";
  if (!file || relative.startsWith("..") || path.isAbsolute(relative) || relative === "masthead.db") {
    throw new Error(`Refusing to run e2e tests: DATABASE_URL must be a scratch SQLite file under ${dataDir}/ (got ${url}).`);
  }
}
