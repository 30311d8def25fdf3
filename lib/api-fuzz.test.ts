// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestSection, createTestUser, setReviewPolicy, type TestUser, uniq } from "@/lib/testing/db";
import { createArticle, createComment, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { formToObject, parseInput, toActionError } from "@/lib/actions/safe-action";
import { parseId } from "@/lib/api/params";
import type { Actor } from "@/lib/auth/policy";
import { TRANSITIONS } from "@/lib/domain/workflow";
import { db } from "@/lib/data/db";
import { AppError, ERROR_STATUS, fieldErrorsFrom } from "@/lib/errors";
import * as articleSchemas from "@/lib/validation/article";
import { ZArticleCreate, ZArticleUpdate, ZTransition } from "@/lib/validation/article";
import * as commentSchemas from "@/lib/validation/comment";
import { ZCommentCreate } from "@/lib/validation/comment";
import * as mediaSchemas from "@/lib/validation/media";
import * as userSchemas from "@/lib/validation/user";

/**
 * Property-based tests of the API's input boundary against the real data layer (a temporary
 * SQLite database, no mocks). Whatever arrives (wrong types, huge or odd unicode strings,
 * `__proto__` keys, malformed ids), the rules that must always hold are:
 *   1. a call either succeeds or throws an AppError whose code maps to a 4xx: never anything
 *      else, which the API would answer with a 500;
 *   2. a rejected call leaves the story's row exactly as it was;
 *   3. Object.prototype is never polluted.
 */

/** Runs per property: pure parsing is cheap; a data-layer call is a few SQLite transactions. */
const RUNS = 150;
const DB_RUNS = 100;

// ---------------------------------------------------------------------------------------------
// Outcomes and invariants
// ---------------------------------------------------------------------------------------------

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function attempt<T>(fn: () => Promise<T> | T): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Counts of both outcomes, so a property can show it exercised the success and the refusal paths. */
function tally() {
  const seen = { ok: 0, refused: 0 };
  return {
    seen,
    count<T>(result: Outcome<T>) {
      seen[result.ok ? "ok" : "refused"]++;
      return result;
    },
    expectBoth() {
      expect(seen.ok, "runs that succeeded").toBeGreaterThan(0);
      expect(seen.refused, "runs that were refused").toBeGreaterThan(0);
    },
  };
}

/** Rule 1: the only acceptable failure is an expected AppError with a 4xx status. */
function expectClientError(error: unknown, context: unknown): asserts error is AppError {
  if (!(error instanceof AppError)) {
    throw new Error(`Expected an AppError (4xx), got ${describeError(error)} for input ${preview(context)}`);
  }
  const status = ERROR_STATUS[error.code];
  if (!(status >= 400 && status < 500)) throw new Error(`AppError ${error.code} maps to ${status}, not a 4xx, for input ${preview(context)}`);
  expect(typeof error.message).toBe("string");
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message.slice(0, 300)}`;
  return preview(error);
}

function preview(value: unknown): string {
  try {
    const text = fc.stringify(value);
    return text.length > 400 ? `${text.slice(0, 400)}… (${text.length} chars)` : text;
  } catch {
    return String(value);
  }
}

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const PROBES = ["polluted", "isAdmin", "role", "headline", "version", "status", "__fuzz"];

/** Rule 3: Object.prototype has exactly its built-in properties, and none of ours. */
function expectPrototypeClean() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
  const probe: Record<string, unknown> = {};
  for (const key of PROBES) expect(probe[key], `Object.prototype.${key}`).toBeUndefined();
  expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
}

afterEach(() => expectPrototypeClean());

// ---------------------------------------------------------------------------------------------
// Hostile input
// ---------------------------------------------------------------------------------------------

/** Keys that walk or replace prototypes when a naive merge copies them. */
const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__"] as const;

const SPECIAL_STRINGS = [
  "",
  " ",
  "\t\n\r ",
  "\u0000",
  "a\u0000b",
  "\ud800", // lone high surrogate
  "\udfff", // lone low surrogate
  "x\ud83dy", // half an emoji
  "\u202eevil\u202c", // RTL override
  "\u2066isolate\u2069",
  "\u200b",
  "\u200b\u200c\u200d\ufeff", // zero-width only: trim() keeps these
  "\u00a0\u2003\u3000", // non-breaking and wide spaces
  "😀",
  "👩🏽‍💻🏳️‍🌈",
  "𝕏𝔸𝕄",
  "e\u0301\u0301\u0301", // stacked combining marks
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
  "시리아",
  "بغداد",
  "שלום",
  "NaN",
  "null",
  "undefined",
  "true",
  "0",
  "-1",
  "1e309",
  "0x10",
  "__proto__",
  "constructor",
  "<script>window.__xss=1</script>",
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  "'; DROP TABLE Article; --",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  "{{7*7}}${7*7}",
] as const;

/** One "character" that might be anything: ASCII, any code point, a lone surrogate, a control. */
const hostileUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom("\u0000", "\u202e", "\u200b", "\ufeff", "\u0085", "\u2028", "<", ">", '"', "'", "&", "\\") },
);

/** Sizes around every limit in the schemas, up to 300k characters. */
const HUGE_SIZES = [64, 65, 199, 200, 201, 399, 400, 401, 1000, 2000, 2001, 5000, 5001, 199_999, 200_000, 200_001, 300_000];
const hugeString = fc
  .tuple(fc.constantFrom(...HUGE_SIZES), fc.constantFrom("a", " ", "😀", "\u200b", "é", "<"))
  // Emoji are two UTF-16 units: this checks limits are counted consistently either way.
  .map(([n, ch]) => ch.repeat(Math.max(1, Math.floor(n / ch.length))));

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: hostileUnit, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: hugeString },
);

/** Any JS value: primitives, boxed values, dates, maps, typed arrays, null-prototype objects. */
const anyValue = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...PROTO_KEYS)),
});

const hostileValue = fc.oneof(
  { weight: 3, arbitrary: anyValue },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 0, 1, -1, 1.5, 2 ** 53, Number.MAX_VALUE, 10n ** 30n, true, false, null, undefined, [], {}, [[]], ["1"]) },
);

/**
 * An object as JSON.parse would build it from a hostile body: every key an *own* property,
 * including "__proto__", plus the schema's own keys with values of any type.
 */
function hostileObject(knownKeys: readonly string[], value: fc.Arbitrary<unknown> = hostileValue) {
  const key = fc.oneof(
    { weight: 4, arbitrary: knownKeys.length ? fc.constantFrom(...knownKeys) : fc.string({ maxLength: 8 }) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  return fc.array(fc.tuple(key, value), { maxLength: 8 }).map((entries) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/** A literal JSON body with a `__proto__` key, parsed the way readJson() parses a request. */
const protoJsonBody = fc
  .record({
    proto: fc.dictionary(fc.constantFrom(...PROBES), fc.oneof(fc.boolean(), fc.string({ maxLength: 10 }), fc.integer())),
    field: fc.constantFrom("headline", "body", "version", "action", "kind", "tags", "section"),
    value: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean()),
  })
  .map(({ proto, field, value }) => JSON.parse(`{"__proto__":${JSON.stringify(proto)},"constructor":{"prototype":${JSON.stringify(proto)}},${JSON.stringify(field)}:${JSON.stringify(value)}}`) as unknown);

function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Anything at all for a schema: raw values, hostile objects with its keys, `__proto__` JSON. */
function inputFor(schema: z.ZodType) {
  return fc.oneof(hostileValue, hostileObject(keysOf(schema)), protoJsonBody);
}

// Malformed and foreign ids, as they might arrive in a URL.
const malformedId = fc.oneof(
  fc.constantFrom("", " ", "x", "0", "-1", "null", "undefined", "__proto__", "constructor", "prototype", "a".repeat(64), "a".repeat(65), "ＡＢＣ", "abc\u0000", "abc/../def", "*", "%", "'; DROP TABLE Article;--"),
  fc.string({ unit: hostileUnit, maxLength: 70 }),
  fc.stringMatching(/^[a-z0-9]{1,30}$/),
);

// ---------------------------------------------------------------------------------------------
// Fixtures: four people, a section, stories in several states
// ---------------------------------------------------------------------------------------------

let writer: TestUser, writer2: TestUser, editor: TestUser, adviser: TestUser;
let asWriter: Actor, asWriter2: Actor, asEditor: Actor, asAdviser: Actor;
let section: { id: string; slug: string };
let actors: Actor[];

beforeAll(async () => {
  [writer, writer2, editor, adviser] = await Promise.all([
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "EDITOR" }),
    createTestUser({ role: "ADVISER" }),
  ]);
  [asWriter, asWriter2, asEditor, asAdviser] = [writer, writer2, editor, adviser].map((u) => actorFor(u));
  actors = [asWriter, asWriter2, asEditor, asAdviser];
  section = await createTestSection();
  await setReviewPolicy("ADVISER_APPROVES");
});

afterAll(async () => {
  await setReviewPolicy("ADVISER_APPROVES");
});

const actorArb = () => fc.constantFrom(...actors);

async function newStory(actor: Actor = asWriter) {
  return createArticle({ actor, input: { headline: `Fuzz target ${uniq()}`, dek: "A dek.", body: "<p>Some words here.</p>", section: section.slug, tags: ["Fuzz"] } });
}

/** A story moved through the workflow by the API's own functions. */
async function storyAt(status: "DRAFT" | "SUBMITTED" | "CHANGES_REQUESTED" | "APPROVED" | "PUBLISHED" | "UNPUBLISHED") {
  const story = await newStory();
  const steps: Record<typeof status, [Actor, string, string?][]> = {
    DRAFT: [],
    SUBMITTED: [[asWriter, "submit"]],
    CHANGES_REQUESTED: [[asWriter, "submit"], [asAdviser, "request_changes", "Fix it."]],
    APPROVED: [[asWriter, "submit"], [asAdviser, "approve"]],
    PUBLISHED: [[asWriter, "submit"], [asAdviser, "approve"], [asAdviser, "publish"]],
    UNPUBLISHED: [[asWriter, "submit"], [asAdviser, "approve"], [asAdviser, "publish"], [asAdviser, "unpublish", "Pulled."]],
  };
  for (const [actor, action, note] of steps[status]) {
    await transitionArticle({ actor, id: story.id, input: { action: action as z.infer<typeof ZTransition>["action"], ...(note ? { note } : {}) } });
  }
  return story;
}

/** Everything about a story that a call could change: the row, its bylines, its tags. */
async function snapshot(rawId: string) {
  const id = articleSchemas.ZId.safeParse(rawId);
  if (!id.success) return null;
  return db.article.findUnique({
    where: { id: id.data },
    include: { authors: { orderBy: { position: "asc" } }, tags: { orderBy: { tagId: "asc" } }, _count: { select: { transitions: true, comments: true } } },
  });
}

/** Strings as SQLite hands them back: lone surrogates cannot be stored as UTF-8. */
/** What parseInput keeps of a string: well-formed, and U+0000 (which PostgreSQL cannot store) as U+FFFD. */
const stored = (s: string) => s.toWellFormed().replaceAll("\u0000", "\ufffd");

// ---------------------------------------------------------------------------------------------
// 1. The zod schemas and the parse helpers
// ---------------------------------------------------------------------------------------------

const ALL_SCHEMAS = (Object.entries({ ...articleSchemas, ...commentSchemas, ...mediaSchemas, ...userSchemas }) as [string, unknown][]).filter(
  (entry): entry is [string, z.ZodType] => typeof entry[1] === "object" && entry[1] !== null && "safeParse" in entry[1],
);

describe("zod schemas through parseInput", () => {
  it("finds every schema in lib/validation", () => {
    const names = ALL_SCHEMAS.map(([name]) => name);
    for (const expected of ["ZArticleCreate", "ZArticleUpdate", "ZTransition", "ZArticleFilter", "ZId", "ZTags", "ZCommentCreate", "ZCommentResolve", "ZMediaUpdate", "ZMediaQuery", "ZSignIn", "ZSetup", "ZStaffCreate", "ZStaffUpdate", "ZSettings"]) {
      expect(names).toContain(expected);
    }
  });

  it.each(ALL_SCHEMAS)("%s: parses or throws VALIDATION, for any input", (_name, schema) => {
    fc.assert(
      fc.property(inputFor(schema), (input) => {
        let result: unknown;
        try {
          result = parseInput(schema, input);
        } catch (error) {
          expectClientError(error, input);
          expect(error.code).toBe("VALIDATION");
          expect(Object.keys(error.fields ?? {}).length).toBeGreaterThan(0);
          return;
        }
        // A success is always a fresh value, never the caller's object with its prototype.
        if (result !== null && typeof result === "object" && input !== null && typeof input === "object" && keysOf(schema).length) {
          expect(result).not.toBe(input);
          expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
        }
        expectPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });

  // What JSON.parse can produce, not only what fast-check can: a JSON object whose "length" is
  // another object, where text belongs. zod's length checks compare `value.length <= max`,
  // which throws on an object without a prototype (what a null-prototype copy of the body has).
  it('{"field": {"length": {}}} from a JSON body is a VALIDATION error, in every field of every schema', () => {
    const crashes: string[] = [];
    for (const [name, schema] of ALL_SCHEMAS) {
      for (const key of keysOf(schema)) {
        const body = JSON.parse(JSON.stringify({ version: 1, headline: "A headline", action: "submit", body: "Text", [key]: { length: {} } })) as unknown;
        try {
          parseInput(schema, body);
        } catch (error) {
          if (!(error instanceof AppError)) crashes.push(`${name}.${key}: ${describeError(error)}`);
        }
      }
    }
    expect(crashes, `parseInput threw something other than an AppError (a 500 from the API):\n  ${crashes.join("\n  ")}`).toEqual([]);
  });

  it("ZArticleCreate: a success always has a trimmed headline of 1-200 characters and a string body within the limit", () => {
    fc.assert(
      fc.property(
        fc.record({ headline: hostileString, dek: fc.option(hostileString, { nil: undefined }), body: fc.option(hostileString, { nil: undefined }) }, { requiredKeys: [] }),
        (input) => {
          const parsed = articleSchemas.ZArticleCreate.safeParse(input);
          if (!parsed.success) return;
          expect(parsed.data.headline).toBe(parsed.data.headline.trim());
          // zod counts code points, so an emoji is one character, as a writer would count it.
          const chars = (s: string) => [...s].length;
          expect(chars(parsed.data.headline)).toBeGreaterThanOrEqual(1);
          expect(chars(parsed.data.headline)).toBeLessThanOrEqual(200);
          expect(chars(parsed.data.dek)).toBeLessThanOrEqual(400);
          expect(chars(parsed.data.body)).toBeLessThanOrEqual(articleSchemas.MAX_BODY_CHARS);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("ZArticleUpdate: the version is always a safe positive integer", () => {
    fc.assert(
      fc.property(hostileValue, (version) => {
        const parsed = articleSchemas.ZArticleUpdate.safeParse({ version });
        if (parsed.success) {
          expect(Number.isSafeInteger(parsed.data.version)).toBe(true);
          expect(parsed.data.version).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("toActionError: never throws, and never shows the client an unexpected error's message", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      fc.assert(
        fc.property(fc.oneof(hostileValue, hostileString.map((m) => new Error(m)), hostileString.map((m) => new TypeError(m))), (thrown) => {
          const result = toActionError(thrown);
          expect(typeof result.code).toBe("string");
          expect(typeof result.message).toBe("string");
          expect(result.code).toBe("INTERNAL");
          expect(result.message).toBe("Something went wrong on our side. Your text is still here; try again.");
        }),
        { numRuns: RUNS },
      );
      fc.assert(
        fc.property(fc.constantFrom(...(Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[])), hostileString, (code, message) => {
          expect(toActionError(new AppError(code, message))).toEqual({ code, message });
        }),
        { numRuns: 50 },
      );
    } finally {
      logged.mockRestore();
    }
  });

  it("formToObject: hostile field names stay data (own keys of a null-prototype object)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS, "$ACTION_ID_1"), fc.string({ unit: hostileUnit, maxLength: 12 })), fc.string({ maxLength: 20 })), { maxLength: 10 }), (entries) => {
        const form = new FormData();
        for (const [k, v] of entries) form.append(k, v);
        const out = formToObject(form, ["tags", "__proto__"]);
        expect(Object.getPrototypeOf(out)).toBeNull();
        for (const key of Object.keys(out)) {
          expect(key.startsWith("$ACTION")).toBe(false);
          expect(form.has(key)).toBe(true);
        }
        expectPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });

  it("fieldErrorsFrom: hostile issue paths never touch Object.prototype", () => {
    const segment = fc.oneof(fc.constantFrom<PropertyKey>(...PROTO_KEYS), fc.string({ maxLength: 8 }), fc.nat(20));
    fc.assert(
      fc.property(fc.array(fc.record({ path: fc.array(segment, { maxLength: 3 }), message: fc.string({ maxLength: 20 }) }), { maxLength: 8 }), (issues) => {
        const fields = fieldErrorsFrom(issues);
        for (const value of Object.values(fields)) expect(typeof value).toBe("string");
        expectPrototypeClean();
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 2. The data layer behind the API: parse, then call, as the route handlers do
// ---------------------------------------------------------------------------------------------

/** Plausible story fields mixed with hostile ones, so both the success and the failure paths run. */
const XSS_BODIES = [
  "<p>Plain words.</p>",
  '<p onclick="window.__xss=1">Click</p><script>window.__xss=1</script>',
  '<p><a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><a href="data:text/html,<script>alert(1)</script>">c</a></p>',
  "<img src=x onerror=alert(1)><svg onload=alert(1)></svg><svg><script>alert(1)</script></svg>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe><scr<script>ipt>alert(1)</scr</script>ipt>',
  "<h1>Title</h1><h4>Deep</h4><blockquote><p>Quote</p></blockquote><ul><li>one</li></ul>",
  "<p>\u202eevil\u202c and \u200b zero width 😀</p>",
];
const bodyArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...XSS_BODIES) }, { weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: hostileValue });
const headlineArb = fc.oneof({ weight: 4, arbitrary: fc.string({ unit: hostileUnit, minLength: 1, maxLength: 60 }).map((s) => `Fuzz ${s}`) }, { weight: 1, arbitrary: hostileValue }, { weight: 1, arbitrary: hostileString });
const tagArb = fc.oneof(fc.string({ unit: hostileUnit, minLength: 1, maxLength: 20 }).map((t) => `t${t}`), fc.constantFrom("Syria", "syria", " Syria ", "시리아", ""));
const tagsArb = fc.oneof({ weight: 3, arbitrary: fc.array(tagArb, { maxLength: 5 }) }, { weight: 1, arbitrary: fc.array(tagArb, { minLength: 12, maxLength: 14 }) }, { weight: 1, arbitrary: hostileValue });

/**
 * Story fields as the API receives them: each one usually plausible (so saves do happen) and
 * sometimes hostile, plus stray keys such as "__proto__" and "constructor".
 */
function storyFields(sectionSlug: () => string, { headlineRequired }: { headlineRequired: boolean }) {
  const plausibleOr = <T,>(plausible: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: plausible as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostileValue });
  return fc
    .record(
      {
        headline: headlineArb,
        dek: plausibleOr(hostileString),
        body: bodyArb,
        section: plausibleOr(fc.constantFrom("SECTION", "", null, "no-such-section")),
        tags: tagsArb,
        coAuthorIds: plausibleOr(fc.oneof(fc.constant(["WRITER2"]), fc.constant([]), fc.array(malformedId, { maxLength: 3 }))),
        extra: hostileObject([]),
      },
      { requiredKeys: headlineRequired ? ["headline", "extra"] : ["extra"] },
    )
    .map(({ extra, ...fields }) => {
      const out: Record<string, unknown> = { ...extra };
      for (const [k, v] of Object.entries(fields)) {
        out[k] = v === "SECTION" ? sectionSlug() : Array.isArray(v) && v[0] === "WRITER2" ? [writer2.personId] : v;
      }
      return out;
    });
}

/** No element of the stored HTML can run script: no on* attributes, only web and mail links. */
function expectInertHtml(html: string) {
  expect(html).not.toMatch(/<\s*(script|iframe|svg|img|object|embed|style|form|input|math)\b/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:|mailto:|\/|#)/i);
}

describe("createArticle", () => {
  it("creates a draft or refuses with a 4xx, for any input and any role", async () => {
    const outcomes = tally();
    await fc.assert(
      fc.asyncProperty(actorArb(), storyFields(() => section.slug, { headlineRequired: true }), async (actor, raw) => {
        const before = await db.article.count({ where: { createdById: actor.userId } });
        const result = outcomes.count(await attempt(async () => createArticle({ actor, input: parseInput(ZArticleCreate, raw) })));
        const after = await db.article.count({ where: { createdById: actor.userId } });
        if (!result.ok) {
          expectClientError(result.error, raw);
          expect(after, "a refused create stores nothing").toBe(before);
          return;
        }
        const parsed = ZArticleCreate.parse(raw);
        const story = result.value;
        expect(after).toBe(before + 1);
        expect(story).toMatchObject({ status: "DRAFT", version: 1, createdById: actor.userId });
        const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
        expect(row.headline).toBe(stored(parsed.headline));
        expect(row.dek).toBe(stored(parsed.dek));
        // Letters of any script (lowercased), digits and single inner hyphens: nothing a URL reads.
        expect(row.slug).toMatch(/^[\p{L}\p{N}\p{M}]+(-[\p{L}\p{N}\p{M}]+)*$/u);
        expect(row.slug).toBe(row.slug.toLowerCase());
        expectInertHtml(row.bodyHtml);
      }),
      { numRuns: DB_RUNS },
    );
    outcomes.expectBoth();
  }, 60_000);

  it("keeps the tags a story is given, in any script", async () => {
    // Tags in other alphabets are everyday input in a school paper ("시리아", "Сирия").
    const tagArb = fc.oneof(
      fc.constantFrom("시리아", "북한", "서울", "Сирия", "سوريا", "日本", "Ελλάδα", "עברית", "Syria", "Aleppo", "Café", "Zoë"),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((t) => t.trim().length > 0),
    );
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(tagArb, { minLength: 1, maxLength: 3 }), async (tags) => {
        const input = parseInput(ZArticleCreate, { headline: `Tagged ${uniq()}`, tags });
        const story = await createArticle({ actor: asWriter, input });
        // Tags that differ only in case, accents, spacing or punctuation may merge; others may not.
        const letters = (s: string) => s.normalize("NFKD").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
        const given = [...new Set(input.tags!.map((t) => t.trim()).filter(Boolean).map(letters))].sort();
        const got = [...new Set(story.tags.map((t) => letters(t.name)))].sort();
        expect(got, `tags given ${JSON.stringify(input.tags)}, read back ${JSON.stringify(story.tags)}`).toEqual(given);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe("updateArticle", () => {
  it("saves or refuses with a 4xx, and a refused save changes nothing", async () => {
    const targets = [await storyAt("DRAFT"), await storyAt("SUBMITTED"), await storyAt("PUBLISHED")];
    const version = fc.oneof(
      { weight: 3, arbitrary: fc.constant("CURRENT") },
      { weight: 1, arbitrary: fc.constant("STALE") },
      { weight: 2, arbitrary: hostileValue },
      { weight: 1, arbitrary: fc.integer({ min: -5, max: 50 }) },
    );
    const idArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...targets.map((t) => t.id)) }, { weight: 1, arbitrary: malformedId });
    const outcomes = tally();
    await fc.assert(
      fc.asyncProperty(actorArb(), idArb, storyFields(() => section.id, { headlineRequired: false }), version, async (actor, id, fields, v) => {
        const before = await snapshot(id);
        const raw = { ...fields, version: v === "CURRENT" ? before?.version : v === "STALE" ? Math.max(1, (before?.version ?? 2) - 1) : v };
        const result = outcomes.count(await attempt(async () => updateArticle({ actor, id: parseId(id), input: parseInput(ZArticleUpdate, raw) })));
        const after = await snapshot(id);
        if (!result.ok) {
          expectClientError(result.error, { id, raw });
          expect(after, "a refused save leaves the story as it was").toEqual(before);
          return;
        }
        expect(before).not.toBeNull();
        expect(after!.version).toBe(before!.version + 1);
        expect(result.value.version).toBe(after!.version);
        expect(after!.status).toBe(before!.status);
        expectInertHtml(after!.bodyHtml);
        // Links to a story stay stable once it has been public.
        if (before!.publishedAt) expect(after!.slug).toBe(before!.slug);
      }),
      // Hostile headlines are refused more often now (invisible characters): these two run
      // first, so a save and a refusal are always exercised (an adviser copy-editing the story
      // in review, and a writer trying to edit it).
      {
        numRuns: DB_RUNS,
        examples: [
          [asAdviser, targets[1]!.id, { headline: "A plain headline", body: "<p>Plain text.</p>" }, "CURRENT"],
          [asWriter2, targets[1]!.id, { headline: "A plain headline", body: "<p>Plain text.</p>" }, "CURRENT"],
        ],
      },
    );
    outcomes.expectBoth();
  }, 60_000);
});

describe("transitionArticle", () => {
  it("moves the story or refuses with a 4xx, and a refused transition changes nothing", async () => {
    const targets = await Promise.all((["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "PUBLISHED", "UNPUBLISHED"] as const).map((s) => storyAt(s)));
    const transition = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record(
          {
            // Mostly well-formed, so that legal moves happen too and the story keeps moving.
            action: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TRANSITIONS) }, { weight: 1, arbitrary: hostileValue }),
            note: fc.oneof(
              { weight: 3, arbitrary: fc.constant("Because.") },
              { weight: 1, arbitrary: fc.constantFrom("   ", "", undefined) },
              { weight: 1, arbitrary: hostileString },
              { weight: 1, arbitrary: hostileValue },
            ),
            publishAt: fc.oneof(
              { weight: 6, arbitrary: fc.constant(undefined) },
              {
                weight: 1,
                arbitrary: fc.constantFrom("2999-01-01T08:00:00+09:00", "2000-01-01T00:00:00Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "next tuesday", "9999-12-31T23:59:59.999Z", "+275760-09-13T00:00:00Z"),
              },
              { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString())) },
              { weight: 1, arbitrary: hostileValue },
            ),
          },
          { requiredKeys: ["action", "note", "publishAt"] },
        ),
      },
      { weight: 1, arbitrary: inputFor(ZTransition) },
    );
    const idArb = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...targets.map((t) => t.id)) }, { weight: 1, arbitrary: malformedId });
    const outcomes = tally();
    await fc.assert(
      fc.asyncProperty(actorArb(), idArb, transition, async (actor, id, raw) => {
        const before = await snapshot(id);
        const result = outcomes.count(await attempt(async () => transitionArticle({ actor, input: parseInput(ZTransition, raw), id: parseId(id) })));
        const after = await snapshot(id);
        if (!result.ok) {
          expectClientError(result.error, { id, raw });
          expect(after, "a refused transition leaves the story as it was").toEqual(before);
          return;
        }
        expect(before).not.toBeNull();
        expect(after!.status).toBe(result.value.status);
        expect(after!.version, "a transition is not an edit").toBe(before!.version);
        expect(after!._count.transitions).toBe(before!._count.transitions + 1);
        if (after!.status === "SCHEDULED") expect(after!.publishAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
      }),
      // Random actors and actions can go a whole run without one legal move; these two run
      // first, so both paths are always exercised (an adviser approving the story in review,
      // and a writer trying to publish it).
      {
        numRuns: DB_RUNS,
        examples: [
          [asAdviser, targets[1]!.id, { action: "approve", note: "Because.", publishAt: undefined }],
          [asWriter, targets[3]!.id, { action: "publish", note: "Because.", publishAt: undefined }],
        ],
      },
    );
    outcomes.expectBoth();
  }, 60_000);
});

describe("createComment", () => {
  it("adds a comment or refuses with a 4xx, and a refused comment stores nothing", async () => {
    const targets = [await storyAt("DRAFT"), await storyAt("SUBMITTED"), await storyAt("PUBLISHED")];
    const parent = await createComment({ actor: asAdviser, articleId: targets[1]!.id, input: { body: "A thread to reply to.", kind: "COACHING" } });
    const comment = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record(
          {
            body: fc.oneof(fc.constantFrom("Check this.", "<script>window.__xss=1</script>", '<img src=x onerror="alert(1)">'), hostileString, hostileValue),
            kind: fc.oneof(fc.constantFrom("COACHING", "REQUIRED", "coaching", "OTHER"), hostileValue),
            quote: fc.oneof(fc.constantFrom(null, "a quote"), hostileString, hostileValue),
            parentId: fc.oneof(fc.constantFrom(null, parent.id), malformedId, hostileValue),
            id: fc.oneof(fc.constant("FRESH"), fc.constant(parent.id), malformedId, hostileValue),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: inputFor(ZCommentCreate) },
    );
    const idArb = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...targets.map((t) => t.id)) }, { weight: 1, arbitrary: malformedId });
    const outcomes = tally();
    await fc.assert(
      fc.asyncProperty(actorArb(), idArb, comment, async (actor, articleId, rawIn) => {
        const raw = rawIn !== null && typeof rawIn === "object" && "id" in rawIn && rawIn.id === "FRESH" ? { ...rawIn, id: `c${uniq()}${uniq()}` } : rawIn;
        const before = await snapshot(articleId);
        const countBefore = before ? await db.comment.count({ where: { articleId: before.id } }) : 0;
        const result = outcomes.count(await attempt(async () => createComment({ actor, articleId: parseId(articleId), input: parseInput(ZCommentCreate, raw) })));
        const after = await snapshot(articleId);
        const countAfter = after ? await db.comment.count({ where: { articleId: after.id } }) : 0;
        expect(after, "a comment never changes the story itself").toEqual(before === null ? null : { ...before, _count: { ...before._count, comments: countAfter } });
        if (!result.ok) {
          expectClientError(result.error, { articleId, raw });
          expect(countAfter, "a refused comment stores nothing").toBe(countBefore);
          return;
        }
        const parsed = ZCommentCreate.parse(raw);
        expect(countAfter).toBe(countBefore + 1);
        const row = await db.comment.findUniqueOrThrow({ where: { id: result.value.id } });
        expect(row).toMatchObject({ articleId: before!.id, authorId: actor.userId, body: stored(parsed.body) });
        expect(["COACHING", "REQUIRED"]).toContain(row.kind);
        if (row.kind === "REQUIRED") expect(actor.role === "WRITER").toBe(false);
      }),
      // Run first, so both paths are always exercised: an adviser's coaching note on the story in
      // review, and a comment on no story at all.
      {
        numRuns: DB_RUNS,
        examples: [
          [asAdviser, targets[1]!.id, { body: "Check this.", kind: "COACHING", quote: null, parentId: null, id: "FRESH" }],
          [asAdviser, "not an id", { body: "Check this.", kind: "COACHING" }],
        ],
      },
    );
    outcomes.expectBoth();
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// 3. Regression tests for input that used to escape as a 500 (fixed at the boundary since)
// ---------------------------------------------------------------------------------------------

/**
 * `"\ud800"` is valid JSON, and JSON.parse turns it into a string with a lone surrogate. Such a
 * string cannot be encoded as UTF-8; it must be refused or repaired at the boundary and never
 * reach Prisma, whose query engine fails on it ("unexpected end of hex escape").
 */
const loneSurrogate = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"), fc.string({ maxLength: 8 }))
  .map(([a, lone, b]) => `Fuzz ${a}${lone}${b}`);

describe("text with a lone surrogate (JSON \"\\ud800\")", () => {
  it("createArticle: any field → a draft or a 4xx, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("headline", "dek", "body", "tags"), loneSurrogate, async (field, text) => {
        const raw: Record<string, unknown> = { headline: `Surrogate ${uniq()}`, [field]: field === "tags" ? [text.slice(0, 30)] : text };
        const before = await db.article.count({ where: { createdById: asWriter.userId } });
        const result = await attempt(async () => createArticle({ actor: asWriter, input: parseInput(ZArticleCreate, raw) }));
        if (!result.ok) {
          expectClientError(result.error, raw);
          expect(await db.article.count({ where: { createdById: asWriter.userId } })).toBe(before);
        }
      }),
      { numRuns: 20 },
    );
  });

  it("updateArticle: any field → a save or a 4xx, and a refused save changes nothing", async () => {
    const story = await storyAt("DRAFT");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("headline", "dek", "body", "tags"), loneSurrogate, async (field, text) => {
        const before = await snapshot(story.id);
        const raw = { version: before!.version, [field]: field === "tags" ? [text.slice(0, 30)] : text };
        const result = await attempt(async () => updateArticle({ actor: asWriter, id: story.id, input: parseInput(ZArticleUpdate, raw) }));
        if (!result.ok) {
          expectClientError(result.error, raw);
          expect(await snapshot(story.id)).toEqual(before);
        }
      }),
      { numRuns: 20 },
    );
  });

  it("transitionArticle: a note → a transition or a 4xx, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(loneSurrogate, async (note) => {
        const story = await storyAt("SUBMITTED");
        const before = await snapshot(story.id);
        const raw = { action: "request_changes", note };
        const result = await attempt(async () => transitionArticle({ actor: asAdviser, id: story.id, input: parseInput(ZTransition, raw) }));
        if (!result.ok) {
          expectClientError(result.error, raw);
          expect(await snapshot(story.id)).toEqual(before);
        }
      }),
      { numRuns: 10 },
    );
  });

  it("createComment: body, quote or parentId → a comment or a 4xx, never a 500", async () => {
    const story = await storyAt("SUBMITTED");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("body", "quote", "parentId"), loneSurrogate, async (field, text) => {
        const raw = { body: "A comment.", [field]: text };
        const before = await db.comment.count({ where: { articleId: story.id } });
        const result = await attempt(async () => createComment({ actor: asAdviser, articleId: story.id, input: parseInput(ZCommentCreate, raw) }));
        if (!result.ok) {
          expectClientError(result.error, raw);
          expect(await db.comment.count({ where: { articleId: story.id } })).toBe(before);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe("deeply nested markup in a body", () => {
  /**
   * A few thousand nested inline or block tags fit easily in the 200,000-character limit, and
   * the HTML-to-schema parse recurses once per level.
   */
  const nested = fc
    .record({
      tag: fc.constantFrom("em", "strong", "blockquote", "ul><li", "ol><li", "a href='https://example.org/'", "span", "div", "b"),
      depth: fc.constantFrom(3000, 5000),
      // Spellings a tag-counting pre-check could miss, though the HTML parser still nests them:
      // `<em/>` (the slash means nothing on a non-void element) and stray closing tags.
      style: fc.constantFrom("open", "self-closing", "stray-close"),
    })
    // Shown in a counterexample as {tag, depth, style}, not as kilobytes of tags.
    .map((spec) => {
      const open = `<${spec.tag}${spec.style === "self-closing" ? "/" : ""}>`;
      const html = (spec.style === "stray-close" ? `${open}</p>` : open).repeat(spec.depth) + "deep";
      return Object.defineProperty(spec, "html", { value: html, enumerable: false }) as typeof spec & { html: string };
    });

  it("createArticle: a draft or a 4xx, never a stack overflow", async () => {
    await fc.assert(
      fc.asyncProperty(nested, async ({ html: body }) => {
        const raw = { headline: `Nested ${uniq()}`, body };
        expect(body.length).toBeLessThanOrEqual(articleSchemas.MAX_BODY_CHARS);
        const result = await attempt(async () => createArticle({ actor: asWriter, input: parseInput(ZArticleCreate, raw) }));
        if (!result.ok) expectClientError(result.error, { headline: raw.headline, body: `${body.slice(0, 40)}… (${body.length} chars)` });
      }),
      { numRuns: 8 },
    );
  }, 60_000);

  it("updateArticle: a save or a 4xx, and a refused save changes nothing", async () => {
    const story = await storyAt("DRAFT");
    await fc.assert(
      fc.asyncProperty(nested, async ({ html: body }) => {
        const before = await snapshot(story.id);
        const result = await attempt(async () => updateArticle({ actor: asWriter, id: story.id, input: parseInput(ZArticleUpdate, { version: before!.version, body }) }));
        if (!result.ok) {
          expectClientError(result.error, { body: `${body.slice(0, 40)}… (${body.length} chars)` });
          expect(await snapshot(story.id)).toEqual(before);
        }
      }),
      { numRuns: 4 },
    );
  }, 60_000);
});
