// ESLint, the Next.js way: eslint-config-next (React, hooks, Next, a11y, TypeScript) plus the
// README's layering, which no other tool checks and which would otherwise drift within months.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Prisma, by path: the generated client and the @prisma packages (types included).
const PRISMA = ["./lib/generated", "./node_modules/@prisma", "./node_modules/.prisma"];
const NEXT_AND_REACT = ["./node_modules/next", "./node_modules/next-auth", "./node_modules/react", "./node_modules/react-dom"];

/**
 * Layering by path (import/no-restricted-paths resolves every specifier, "@/..." or relative, so
 * `../data/db` is caught as well as `@/lib/data/db`; type-only imports count too).
 */
const LAYERS = [
  {
    target: "./components",
    from: ["./lib/data", ...PRISMA],
    message: "Components receive plain data and actions as props: no lib/data and no Prisma, not even types (declare the props' type next to the component).",
  },
  {
    target: "./lib/domain",
    from: ["./lib/data", "./lib/use-cases", "./lib/actions", ...PRISMA, ...NEXT_AND_REACT],
    message: "lib/domain is PURE: no Prisma, no Next, no React, no data access.",
  },
  {
    target: "./lib/auth/policy.ts",
    from: ["./lib/data", "./lib/use-cases", "./lib/actions", ...PRISMA, ...NEXT_AND_REACT],
    message: "The policy is PURE: it decides from the actor and the record it is given, and imports no data.",
  },
  {
    target: ["./app", "./lib/actions", "./lib/api"],
    from: PRISMA,
    message: "All Prisma access is in lib/data: pages, route handlers and actions never import the Prisma client or its types.",
  },
];

/**
 * Pages, route handlers, server actions and the API and scheduler glue write only through use
 * cases (lib/use-cases/**); from lib/data they may import queries only.
 *
 * Why names and not modules: lib/data is one file per aggregate, and each file holds both the
 * aggregate's queries and its persistence helpers (lib/data/articles.ts has findArticleForActor
 * and updateArticle), so an allow-list of "read modules" would either forbid the queries pages
 * need or allow the writes next to them. Instead this is an allow-list of *names*, following the
 * house rule of verb-first names: find*, list*, get*, count*, search*, has*, to* and build* (DTO
 * mappers), a few pure helpers named below, constants (UPPER_CASE) and types (PascalCase). It
 * fails closed: a new write (create*, update*, set*, record*, `db` itself...) is refused here
 * whatever its verb, until it is reached through a use case. A genuinely new query gets a
 * query's name, or is added to QUERY_HELPERS.
 */
const QUERY_HELPERS = ["factsOf", "latestChangeRequest", "mediaUrls", "correctionsByArticle", "otherEditors"];
const QUERY_NAMES = `^(?:[A-Z]|(?:find|list|get|count|search|has|to|build)[A-Z]|(?:${QUERY_HELPERS.join("|")})$)`;

/** Workflow statuses (articles and pitches): written only as STATUS.X / PITCH_STATUS.X or a predicate. */
const STATUS_WORDS = [
  "DRAFT",
  "SUBMITTED",
  "CHANGES_REQUESTED",
  "APPROVED",
  "SCHEDULED",
  "PUBLISHED",
  "UNPUBLISHED",
  "OPEN",
  "ACCEPTED",
  "REJECTED",
  "ASSIGNED",
].join("|");
const STATUS_MESSAGE =
  "Workflow statuses live in lib/domain: use STATUS.X / PITCH_STATUS.X, PUBLIC_STATUSES and the like, or a named predicate (isPublic, inReviewQueue, ...); add one to lib/domain if it is missing.";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(["lib/generated/**", "data/**", ".next-*/**", "test-results/**", "playwright-report/**", "bench-results/**"]),
  {
    name: "masthead/layers",
    rules: {
      "import/no-restricted-paths": ["error", { zones: LAYERS }],
    },
  },
  {
    name: "masthead/writes-through-use-cases",
    files: ["app/**/*.{ts,tsx}", "lib/actions/**/*.ts", "lib/api/**/*.ts", "lib/scheduler.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/data/*", "**/lib/data/*", "../data/*"],
              allowImportNamePattern: QUERY_NAMES,
              allowTypeImports: true,
              message: "Only queries may come from lib/data here: every write goes through a use case in lib/use-cases.",
            },
          ],
        },
      ],
    },
  },
  {
    // Leading underscore: deliberately unused (a destructured field dropped from a copy, say).
    name: "masthead/unused",
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Playwright fixtures receive a callback named `use`; it is not React's use() hook.
    name: "masthead/e2e",
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    name: "masthead/status-literals",
    files: ["**/*.{ts,tsx,mts,js,mjs}"],
    ignores: ["lib/domain/**", "**/*.test.ts", "e2e/**", "eslint.config.mjs"],
    rules: {
      // Whole words anywhere in a string or template, so raw SQL (`"status" = 'PUBLISHED'`) counts too.
      "no-restricted-syntax": [
        "error",
        { selector: `Literal[value=/\\b(?:${STATUS_WORDS})\\b/]`, message: STATUS_MESSAGE },
        { selector: `TemplateElement[value.raw=/\\b(?:${STATUS_WORDS})\\b/]`, message: STATUS_MESSAGE },
      ],
    },
  },
]);
