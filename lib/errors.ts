/**
 * One error type for expected failures. Each code maps to an HTTP status and a message safe to
 * show a user; anything that is not an AppError is logged and replaced by a generic message.
 */
export const ERROR_STATUS = {
  /** Input failed validation; `fields` says which field and why. */
  VALIDATION: 422,
  /** Not signed in, or the account is deactivated. */
  UNAUTHENTICATED: 401,
  /** Signed in and allowed to see the record, but not to do this to it. */
  FORBIDDEN: 403,
  /** No such record, or one the caller may not see (hidden drafts look like no draft). */
  NOT_FOUND: 404,
  /** A save based on an old version, or a transition the story's state does not allow. */
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  BAD_REQUEST: 400,
  /** A cookie-authenticated write from another site's page (cross-origin), or one that does not declare JSON. */
  CROSS_ORIGIN: 403,
  /** The body is over the route's limit: refused before reading (declared) or as soon as it passes it (streamed). */
  PAYLOAD_TOO_LARGE: 413,
  /** A cookie-authenticated write whose body is not declared `application/json` (or a form where the route takes files). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** The database could not take the write in time (overloaded): nothing was saved; try again shortly. */
  BUSY: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, opts: { fields?: Record<string, string>; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = opts.fields;
    this.details = opts.details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function notFound(what = "That story"): AppError {
  return new AppError("NOT_FOUND", `${what} was not found.`);
}

/** Turn zod issues into one message per field (the first one wins). */
export function fieldErrorsFrom(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * Prisma's codes for "the database could not take this in time": a transaction that could not
 * start within maxWait or outlived its timeout (P2028), no connection free in the pool (P2024),
 * or SQLite's lock wait running out. Nothing of the write was committed.
 */
const BUSY_CODES = new Set(["P2028", "P2024"]);

export const BUSY_MESSAGE = "The newsroom is very busy and could not save this just now. Nothing was lost: it is tried again in a moment.";

/** A database overload as a BUSY AppError (503, retry), or null for any other error. */
export function busyError(error: unknown): AppError | null {
  if (!error || typeof error !== "object") return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const busy = (typeof code === "string" && BUSY_CODES.has(code)) || (typeof message === "string" && /SQLITE_BUSY|database is locked/.test(message));
  return busy ? new AppError("BUSY", BUSY_MESSAGE) : null;
}
