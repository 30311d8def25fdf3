import type { z } from "zod";
import { AppError, fieldErrorsFrom } from "@/lib/errors";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Make every string in the input well-formed Unicode (a lone surrogate becomes U+FFFD), so
 * nothing downstream (SQLite, JSON, the HTML parser) ever sees text it cannot store.
 * Only plain data is rebuilt; prototype keys are copied as own data, never merged.
 */
export function wellFormed(value: unknown, depth = 0): unknown {
  // Control characters are kept as typed; feeds drop the ones XML forbids (lib/feed.ts).
  if (typeof value === "string") return value.replace(LONE_SURROGATE, "\uFFFD");
  if (depth > 50 || value === null || typeof value !== "object") return value;
  // A Date is a value, not a record: rebuilding it would leave an empty object.
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => wellFormed(v, depth + 1));
  const out: Record<string, unknown> = {};
  // defineProperty keeps a "__proto__" key as plain data (as JSON.parse does), never a prototype.
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k.replace(LONE_SURROGATE, "\uFFFD"), { value: wellFormed(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Whether a string anywhere in `value` (parsed, plain data) holds U+0000. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 50 || value === null || typeof value !== "object") return false;
  return Object.values(value).some((v) => hasNul(v, depth + 1));
}

/** U+0000 becomes U+FFFD in every string; only arrays and plain objects are rebuilt. */
function replaceNul(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replaceAll("\u0000", "\uFFFD");
  if (depth > 50 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => replaceNul(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = Object.create(proto);
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: replaceNul(v, depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * Parse with zod; a failure becomes a VALIDATION AppError carrying one message per field.
 * Then U+0000 becomes U+FFFD, as a lone surrogate does above but after the schema, so that a
 * headline or tag holding one is still refused with its message: PostgreSQL cannot store NUL
 * in a text column (a 500 after validation), and both engines keep the same text.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(wellFormed(input));
  if (!parsed.success) {
    const fields = fieldErrorsFrom(parsed.error.issues);
    throw new AppError("VALIDATION", Object.values(fields)[0] ?? "Check the highlighted fields.", { fields });
  }
  return (hasNul(parsed.data) ? replaceNul(parsed.data) : parsed.data) as z.infer<S>;
}
