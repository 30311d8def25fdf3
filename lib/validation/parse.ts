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

export const NUL_MESSAGE = "This text contains a NUL character (U+0000), which cannot be stored. Retype it or paste it as plain text.";

/** The path of the first string in `value` (parsed, plain data) holding U+0000, or null. */
function nulPath(value: unknown, path: PropertyKey[] = [], depth = 0): PropertyKey[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (depth > 50 || value === null || typeof value !== "object" || value instanceof Date) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = nulPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Parse with zod; a failure becomes a VALIDATION AppError carrying one message per field.
 * Text holding U+0000 is refused whatever the field: PostgreSQL cannot store it in a text
 * column, and refusing it on SQLite too keeps the two engines accepting the same input.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(wellFormed(input));
  if (!parsed.success) throw validationError(parsed.error.issues);
  const nul = nulPath(parsed.data);
  if (nul) throw validationError([{ path: nul, message: NUL_MESSAGE }]);
  return parsed.data;
}

function validationError(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): AppError {
  const fields = fieldErrorsFrom(issues);
  return new AppError("VALIDATION", Object.values(fields)[0] ?? "Check the highlighted fields.", { fields });
}
