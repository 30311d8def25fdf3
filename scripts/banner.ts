/** Printed by `npm run demo` just before the server starts. */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../prisma/demo/accounts";

const port = process.env.PORT ?? "3000";
const lines = [
  "",
  "  The Masthead Gazette (demo newsroom)",
  `  Reader site:  http://127.0.0.1:${port}/`,
  `  Newsroom:     http://127.0.0.1:${port}/newsroom`,
  "",
  "  Sign in as (password for all: " + DEMO_PASSWORD + "):",
  ...DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(20)} ${a.role}`),
  "",
];
console.log(lines.join("\n"));
