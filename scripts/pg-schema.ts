/**
 * `npm run db:pg-schema`: derives prisma/postgres/schema.prisma from prisma/schema.prisma and adds
 * a PostgreSQL migration folder when the models changed (scripts/lib/pg-schema.ts says the rules).
 * `npm run db:pg-schema -- --pin <folder>` re-pins the newest folder after a hand-written extras delta.
 */
import path from "node:path";
import { generatePgMigrations, pgPaths, repinNewest } from "./lib/pg-schema";

const args = process.argv.slice(2);
const paths = pgPaths();
const rel = (file: string) => path.relative(process.cwd(), file);

if (args[0] === "--pin") {
  if (!args[1]) throw new Error("usage: npm run db:pg-schema -- --pin <folder>");
  repinNewest(args[1]);
  console.log(`re-pinned ${args[1]} in ${rel(paths.manifest)}`);
} else {
  const { folder, schemaChanged } = generatePgMigrations();
  if (!schemaChanged) console.log(`${rel(paths.schema)} is up to date`);
  else if (!folder) console.log(`wrote ${rel(paths.schema)} (no model change, so no migration)`);
  else console.log(`wrote ${rel(paths.schema)} and ${rel(path.join(paths.migrations, folder, "migration.sql"))}`);
}
