import "server-only";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/data/users";
import { AppError, busyError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";

export type ActionError = { code: string; message: string; fields?: Record<string, string> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Expected errors go to the client as they are; anything else is logged and made generic. */
export function toActionError(error: unknown): ActionError {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  const busy = busyError(error);
  if (busy) {
    console.warn(`database busy: ${(error as Error).message?.split("\n")[0]}`);
    return { code: busy.code, message: busy.message };
  }
  console.error(error);
  return { code: "INTERNAL", message: "Something went wrong on our side. Your text is still here; try again." };
}

export { parseInput, wellFormed } from "@/lib/validation/parse";

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

