import "server-only";
import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/data/users";
import { AppError, ERROR_STATUS } from "@/lib/errors";
import { toActionError } from "@/lib/actions/safe-action";
import { readBodyText } from "@/lib/http/body";
import { assertContentType, assertSameOrigin, isUnsafeMethod, type BodyKind } from "./same-origin";

type Ctx<P> = { params: Promise<P> };

/** `{"error":{"code","message","fields"?}}` with the code's HTTP status. */
export function errorResponse(error: unknown): NextResponse {
  const body = toActionError(error);
  const status = ERROR_STATUS[body.code as keyof typeof ERROR_STATUS] ?? ERROR_STATUS.INTERNAL;
  const extra = error instanceof AppError && error.details ? error.details : {};
  // An overloaded database: nothing was saved, and a retry in a second or two usually succeeds.
  const retry = status === ERROR_STATUS.BUSY ? { "Retry-After": "1" } : undefined;
  return NextResponse.json({ error: { ...body, ...extra } }, { status, headers: { "Cache-Control": "no-store", ...retry } });
}

/** The largest JSON body any handler takes (a story of 200,000 characters fits with room to spare). */
export const MAX_JSON_BYTES = 1024 * 1024;

/** Read a JSON object body, at most 1 MB (413 beyond, unread); anything else is a clear 400. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request, { limit: MAX_JSON_BYTES, message: "The request body is too large (over 1 MB)." });
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new AppError("BAD_REQUEST", "The request body must be a JSON object.");
  return value;
}

/**
 * A thin Admin API handler: the caller (token or session) from the database, errors as JSON,
 * and every answer `Cache-Control: no-store` (it is one person's view of the newsroom).
 *
 * A write authenticated by the session cookie must come from this app's own origin and declare
 * its body (`body`: JSON by default, `multipart` for file uploads, `none` for a handler that
 * reads nothing); the browser sends the cookie with a forged request too. A bearer token is
 * never sent by a browser on its own, so token requests skip both checks.
 */
export function apiRoute<P = Record<string, never>>(
  fn: (args: { request: Request; user: SessionUser; params: P; /** performance.now() when the handler was entered, before the caller was looked up. */ startedAt: number }) => Promise<NextResponse>,
  opts: { body?: BodyKind } = {},
) {
  return async (request: Request, ctx: Ctx<P>): Promise<NextResponse> => {
    const startedAt = performance.now();
    try {
      const byCookie = !request.headers.has("authorization");
      if (byCookie && isUnsafeMethod(request.method)) assertSameOrigin(request);
      const user = await requireApiUser(request);
      if (byCookie && isUnsafeMethod(request.method)) assertContentType(request, opts.body ?? "json");
      const response = await fn({ request, user, params: await ctx.params, startedAt });
      response.headers.set("Cache-Control", "no-store");
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}
