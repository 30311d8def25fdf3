import "server-only";
import type { z } from "zod";
import type { SessionUser } from "@/lib/data/users";
import { authedAction, formToObject } from "./safe-action";

/**
 * The one result shape of every server action a form calls (with `useFormAction`):
 * `ok` undefined before the first submit; on a refusal, `message` (unless every field message
 * is already shown next to its field), `fields` (one message per field) and `values` (what the
 * user typed, minus passwords, so the form keeps it); on success, `message` and any `data`.
 */
export type ActionState<T = undefined> = {
  ok?: boolean;
  code?: string;
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string | string[]>;
  data?: T;
};

export type FormActionOptions<T> = {
  /** Fields sent more than once (checkbox lists): kept as arrays. */
  arrays?: readonly string[];
  /** Fields never sent back to the browser (passwords). */
  omit?: readonly string[];
  /** Fields whose messages the form shows next to them; the form-level line then only points at them. */
  shown?: readonly string[];
  /** The success message, from what the write returned. */
  success: (data: T) => string;
  /** Return the data to the client too (e.g. a token shown once). */
  returnData?: boolean;
};

/** What the user typed, to put back in the form after a refusal. */
export function keptValues(form: FormData, arrays: readonly string[] = [], omit: readonly string[] = []): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION") || omit.includes(key)) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = arrays.includes(key) ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * The one mapping from a form submission to an ActionState: read the session, parse the form
 * with `schema`, run `fn` (which calls a use case), and map success or refusal. Every server
 * action a form calls goes through here instead of repeating the mapping.
 */
export async function formAction<S extends z.ZodType, T>(
  form: FormData,
  schema: S,
  fn: (input: z.infer<S>, user: SessionUser) => Promise<T>,
  opts: FormActionOptions<T> & { returnData: true },
): Promise<ActionState<T>>;
/** Without `returnData`, the client gets no data: the state is a plain ActionState. */
export async function formAction<S extends z.ZodType, T>(
  form: FormData,
  schema: S,
  fn: (input: z.infer<S>, user: SessionUser) => Promise<T>,
  opts: FormActionOptions<T>,
): Promise<ActionState>;
export async function formAction<S extends z.ZodType, T>(
  form: FormData,
  schema: S,
  fn: (input: z.infer<S>, user: SessionUser) => Promise<T>,
  opts: FormActionOptions<T>,
): Promise<ActionState<T>> {
  const arrays = opts.arrays ?? [];
  const result = await authedAction(schema, formToObject(form, arrays), fn);
  if (result.ok) return { ok: true, message: opts.success(result.data), ...(opts.returnData ? { data: result.data } : {}) };
  const { code, message, fields } = result.error;
  const keys = Object.keys(fields ?? {});
  const shown = opts.shown;
  const allShown = shown !== undefined && keys.length > 0 && keys.every((k) => shown.includes(k));
  return {
    ok: false,
    code,
    message: !allShown ? message : keys.length > 1 ? "Check the fields marked below." : undefined,
    fields,
    values: keptValues(form, arrays, opts.omit),
  };
}
