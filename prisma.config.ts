import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseUrl } from "./lib/config";

// Prisma 6.19 migrates through its bundled WASM engine with a driver adapter, so nothing is
// downloaded. The schema's datasource url is only there to keep the CLI from fetching an engine.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrl() });
  },
});
