import "server-only";
import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/data/users";
import { AppError, ERROR_STATUS } from "@/lib/errors";
import { toActionError } from "@/lib/actions/safe-action";

type Ctx<P> = { params: Promise<P> };

/** `{"error":{"code","message","fields"?}}` with the code's HTTP status. */
export function errorResponse(error: unknown): NextResponse {
  const body = toActionError(error);
  const status = error instanceof AppError ? error.status : ERROR_STATUS.INTERNAL;
  const extra = error instanceof AppError && error.details ? error.details : {};
  return NextResponse.json({ error: { ...body, ...extra } }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Read a JSON object body; anything else is a clear 400. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 1_000_000) throw new AppError("BAD_REQUEST", "The request body is too large (over 1 MB).");
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

/** A thin Admin API handler: the caller (token or session) from the database, errors as JSON. */
export function apiRoute<P = Record<string, never>>(fn: (args: { request: Request; user: SessionUser; params: P }) => Promise<NextResponse>) {
  return async (request: Request, ctx: Ctx<P>): Promise<NextResponse> => {
    try {
      const user = await requireApiUser(request);
      return await fn({ request, user, params: await ctx.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
