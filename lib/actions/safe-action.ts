import "server-only";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/data/users";
import { AppError, fieldErrorsFrom } from "@/lib/errors";

export type ActionError = { code: string; message: string; fields?: Record<string, string> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Expected errors go to the client as they are; anything else is logged and made generic. */
export function toActionError(error: unknown): ActionError {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  console.error(error);
  return { code: "INTERNAL", message: "Something went wrong on our side. Your text is still here; try again." };
}

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
  if (Array.isArray(value)) return value.map((v) => wellFormed(v, depth + 1));
  const out: Record<string, unknown> = {};
  // defineProperty keeps a "__proto__" key as plain data (as JSON.parse does), never a prototype.
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k.replace(LONE_SURROGATE, "\uFFFD"), { value: wellFormed(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Parse with zod; a failure becomes a VALIDATION AppError carrying one message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(wellFormed(input));
  if (!parsed.success) {
    const fields = fieldErrorsFrom(parsed.error.issues);
    throw new AppError("VALIDATION", Object.values(fields)[0] ?? "Check the highlighted fields.", { fields });
  }
  return parsed.data;
}

/**
 * The one wrapper for server actions: reads the session once (from the database), parses the
 * input, runs `fn`. `fn` still calls `can(actor, action, article)` on the specific record.
 */
export async function authedAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  fn: (input: z.infer<S>, user: SessionUser) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const user = await requireUser();
    const data = parseInput(schema, input);
    return { ok: true, data: await fn(data, user) };
  } catch (error) {
    return { ok: false, error: toActionError(error) };
  }
}

/** FormData to a plain object; repeated keys become arrays. Files are ignored. */
export function formToObject(form: FormData, arrays: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrays.includes(key) ? values : values[0];
  }
  return out;
}

/** What the user typed, to put back in the form after a refusal (never the omitted fields, e.g. passwords). */
export function formValues(form: FormData, omit: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !omit.includes(k) && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}
