/**
 * Scripts are server code too. lib/data and lib/use-cases start with `import "server-only"`,
 * which throws anywhere but in Next's server build; importing this module first lets a script
 * (the demo seed) call them. It must run before those modules are resolved: import it at the top
 * of the entry point and load the server modules with a dynamic import() (scripts/prepare.ts),
 * or preload it (`tsx --import ./scripts/lib/allow-server-only.ts …`, npm run db:seed).
 * Unit tests get the same through an alias in vitest.config.ts.
 */
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
