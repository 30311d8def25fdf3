import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { derivePgMigration, derivePgSchema, PG_MIGRATION, PG_SCHEMA } from "./lib/pg-schema";

writeFileSync(PG_SCHEMA, derivePgSchema());
mkdirSync(path.dirname(PG_MIGRATION), { recursive: true });
writeFileSync(PG_MIGRATION, derivePgMigration());
writeFileSync(path.join(path.dirname(PG_MIGRATION), "..", "migration_lock.toml"), 'provider = "postgresql"\n');
console.log(`wrote ${path.relative(process.cwd(), PG_SCHEMA)} and ${path.relative(process.cwd(), PG_MIGRATION)}`);
