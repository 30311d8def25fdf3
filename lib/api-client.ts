/** A typed client for the Admin API calls the newsroom's client components make. Client-safe: lib/errors and types from lib/domain and lib/validation only. */
// Every call resolves, never throws: a refusal, an answer that is not the API's JSON and a dropped connection all come back as `{ ok: false }`.
import type { CommentDto } from "@/lib/domain/comments";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { TCommentCreate } from "@/lib/validation/comment";
import type { TArticleUpdate } from "@/lib/validation/article";
import type { TDocxImageAdd, TDocxImportResult } from "@/lib/validation/docx-import";
import type { TMedia, TMediaUpdate } from "@/lib/validation/media";

/** The server's codes (lib/errors.ts), plus the three this client gives to answers that never carried one. */
export type ApiErrorCode =
  | ErrorCode
  /** No answer at all: offline, DNS, a reset connection (`status` is 0). */
  | "NETWORK"
  /** The caller aborted the request (`status` is 0). */
  | "ABORTED"
  /** An answer that is not the API's JSON, e.g. a proxy's HTML 502 page. */
  | "BAD_RESPONSE";

/** `{"error":{"code","message","fields"?, ...details}}` as lib/api/handler.ts `errorResponse` sends it. */
export type ApiError<Details = object> = { code: ApiErrorCode; message: string; fields?: Record<string, string> } & Partial<Details>;

export type ApiResult<T, Details = object> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError<Details> };

/** What PATCH /api/v1/articles/:id answers; the editor needs only these of the article. */
export type TSavedArticle = { id: string; version: number; updatedAt: string; /** A live story's working copy differs from what readers see. */ pendingChanges?: boolean };

/** The story as it stands, sent with a 409 when a save was based on an old version. */
export type TCurrentArticle = { headline: string; dek: string; body: string; text: string; savedBy: string | null; updatedAt: string };
export type TStaleSave = { currentVersion: number; current: TCurrentArticle };

const KNOWN_CODES = new Set<string>(Object.keys(ERROR_STATUS));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStringRecord = (v: unknown): v is Record<string, string> => isObject(v) && Object.values(v).every((s) => typeof s === "string");

function badResponse<D>(status: number): ApiError<D> {
  return { code: "BAD_RESPONSE", message: `The server answered ${status}.` } as ApiError<D>;
}

/** Status and text to a result; `isData` checks a 2xx body, so a surprising answer is an error here, not a crash later. */
export function toApiResult<T, D = object>(status: number, text: string, isData: (body: unknown) => body is T): ApiResult<T, D> {
  let body: unknown = undefined;
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, status, error: badResponse<D>(status) };
    }
  }
  if (status >= 200 && status < 300) return isData(body) ? { ok: true, status, data: body } : { ok: false, status, error: badResponse<D>(status) };
  const error = isObject(body) && isObject(body.error) ? body.error : null;
  if (!error || typeof error.message !== "string") return { ok: false, status, error: badResponse<D>(status) };
  const { code, message, fields, ...details } = error;
  return {
    ok: false,
    status,
    error: {
      ...(details as Partial<D>),
      // An unknown code is passed on as INTERNAL rather than widening the type for every caller.
      code: typeof code === "string" && KNOWN_CODES.has(code) ? (code as ApiErrorCode) : "INTERNAL",
      message,
      ...(isStringRecord(fields) ? { fields } : {}),
    } as ApiError<D>,
  };
}

const isEmpty = (body: unknown): body is void => body === undefined;
const has =
  <K extends string>(key: K, check: (v: unknown) => boolean) =>
  <T extends Record<K, unknown>>(body: unknown): body is T =>
    isObject(body) && check(body[key]);
const isArray = (v: unknown) => Array.isArray(v);

function isSavedArticle(body: unknown): body is { article: TSavedArticle } {
  return isObject(body) && isObject(body.article) && typeof body.article.version === "number" && typeof body.article.updatedAt === "string";
}

/** A decided suggestion: the story's new version and its text as the editor loads it. */
export type TSuggestionDecided = { article: TSavedArticle; editorBody: string; decided: string[] };
function isSuggestionDecided(body: unknown): body is TSuggestionDecided {
  return isObject(body) && isSavedArticle(body) && typeof (body as Record<string, unknown>).editorBody === "string" && isArray((body as Record<string, unknown>).decided);
}

function isDocxImport(body: unknown): body is TDocxImportResult {
  return isObject(body) && typeof body.body === "string" && isArray(body.images) && isArray(body.failedImages);
}

function isStaleSave(error: ApiError<TStaleSave>): error is ApiError & TStaleSave {
  const c = error.current;
  return (
    typeof error.currentVersion === "number" &&
    isObject(c) &&
    typeof c.headline === "string" &&
    typeof c.dek === "string" &&
    typeof c.body === "string" &&
    typeof c.text === "string" &&
    typeof c.updatedAt === "string"
  );
}

type Init = { method: "GET" | "POST" | "PATCH" | "DELETE"; json?: unknown; form?: FormData; signal?: AbortSignal; keepalive?: boolean; headers?: Record<string, string> };

/** The client, bound to a base URL: "" in the browser (same origin), a test server's address in tests. */
export function createApiClient({ baseUrl = "" }: { baseUrl?: string } = {}) {
  async function request<T, D = object>(path: string, init: Init, isData: (body: unknown) => body is T): Promise<ApiResult<T, D>> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method: init.method,
        headers: { ...(init.json !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
        body: init.json !== undefined ? JSON.stringify(init.json) : init.form,
        signal: init.signal,
        keepalive: init.keepalive,
      });
      text = await response.text();
    } catch (e) {
      const aborted = init.signal?.aborted === true || (e as Error).name === "AbortError";
      return { ok: false, status: 0, error: { code: aborted ? "ABORTED" : "NETWORK", message: aborted ? "The request was cancelled." : "Could not reach the server." } as ApiError<D> };
    }
    return toApiResult<T, D>(response.status, text, isData);
  }

  const article = (id: string) => `/api/v1/articles/${encodeURIComponent(id)}`;

  return {
    /** Start a story (the editor's first keystroke); the caller becomes its first byline. */
    async createArticle(body: { headline: string; dek?: string; body?: string; section?: string | null; coAuthorIds?: string[]; tags?: string[] }): Promise<ApiResult<TSavedArticle>> {
      const result = await request<{ article: TSavedArticle }>("/api/v1/articles", { method: "POST", json: body }, isSavedArticle);
      return result.ok ? { ...result, data: result.data.article } : result;
    },

    /**
     * Compare-and-swap on `version`: a stale one gets a 409 with the current story (see `staleSave`).
     * The answer is the short one (`Prefer: return=minimal`): the server renders no HTML for a save.
     */
    async saveArticle(id: string, body: TArticleUpdate): Promise<ApiResult<TSavedArticle, TStaleSave>> {
      const result = await request<{ article: TSavedArticle }, TStaleSave>(article(id), { method: "PATCH", json: body, headers: { prefer: "return=minimal" } }, isSavedArticle);
      return result.ok ? { ...result, data: result.data.article } : result;
    },

    /** Heartbeat: the names of the others who have the story open. */
    async touchPresence(id: string): Promise<ApiResult<string[]>> {
      const result = await request<{ editors: string[] }>(`${article(id)}/presence`, { method: "POST" }, has("editors", isArray));
      return result.ok ? { ...result, data: result.data.editors } : result;
    },

    /** Leaving the editor; `keepalive` lets it outlive a closing tab. */
    leavePresence(id: string): Promise<ApiResult<void>> {
      return request(`${article(id)}/presence`, { method: "DELETE", keepalive: true }, isEmpty);
    },

    /** Convert a .docx into story HTML; its photos wait under `importId` to be added or skipped. */
    importDocx(file: File, articleId: string | null): Promise<ApiResult<TDocxImportResult>> {
      const form = new FormData();
      form.set("file", file);
      if (articleId) form.set("articleId", articleId);
      return request("/api/v1/import", { method: "POST", form }, isDocxImport);
    },

    async addImportedImage(importId: string, key: string, details: TDocxImageAdd): Promise<ApiResult<TMedia>> {
      const result = await request<{ media: TMedia }>(`/api/v1/import/${encodeURIComponent(importId)}/images/${encodeURIComponent(key)}`, { method: "POST", json: details }, has("media", isObject));
      return result.ok ? { ...result, data: result.data.media } : result;
    },

    skipImportedImage(importId: string, key: string): Promise<ApiResult<void>> {
      return request(`/api/v1/import/${encodeURIComponent(importId)}/images/${encodeURIComponent(key)}`, { method: "DELETE" }, isEmpty);
    },

    async listMedia(query: { q?: string; limit?: number }, signal?: AbortSignal): Promise<ApiResult<TMedia[]>> {
      const params = new URLSearchParams();
      if (query.q) params.set("q", query.q);
      if (query.limit) params.set("limit", String(query.limit));
      const result = await request<{ media: TMedia[] }>(`/api/v1/media?${params}`, { method: "GET", signal }, has("media", isArray));
      return result.ok ? { ...result, data: result.data.media } : result;
    },

    async updateMedia(id: string, input: TMediaUpdate): Promise<ApiResult<TMedia>> {
      const result = await request<{ media: TMedia }>(`/api/v1/media/${encodeURIComponent(id)}`, { method: "PATCH", json: input }, has("media", isObject));
      return result.ok ? { ...result, data: result.data.media } : result;
    },

    async addComment(articleId: string, input: Partial<TCommentCreate> & { body: string }): Promise<ApiResult<CommentDto[]>> {
      const result = await request<{ comments: CommentDto[] }>(`${article(articleId)}/comments`, { method: "POST", json: input }, has("comments", isArray));
      return result.ok ? { ...result, data: result.data.comments } : result;
    },

    /** Accept or reject one suggestion (`all`: every open one); the server applies it to the stored text. */
    async decideSuggestion(articleId: string, suggestionId: string, decision: "accept" | "reject"): Promise<ApiResult<TSuggestionDecided>> {
      return request(`${article(articleId)}/suggestions/${encodeURIComponent(suggestionId)}/${decision}`, { method: "POST", json: {} }, isSuggestionDecided);
    },

    async resolveComment(articleId: string, commentId: string, resolved: boolean): Promise<ApiResult<CommentDto[]>> {
      const result = await request<{ comments: CommentDto[] }>(`${article(articleId)}/comments/${encodeURIComponent(commentId)}/resolve`, { method: "POST", json: { resolved } }, has("comments", isArray));
      return result.ok ? { ...result, data: result.data.comments } : result;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The same-origin client the newsroom uses. */
export const api: ApiClient = createApiClient();

/** POST /api/v1/media's answer as an XMLHttpRequest got it (the uploader needs progress events, which fetch lacks). */
export function readMediaUpload(status: number, text: string): ApiResult<TMedia> {
  const result = toApiResult<{ media: TMedia[] }>(status, text, has("media", (v) => Array.isArray(v) && isObject(v[0])));
  return result.ok ? { ...result, data: result.data.media[0] } : result;
}

/** The 409 of a stale save, with the current story, or null for any other error. */
export function staleSave(error: ApiError<TStaleSave>): TStaleSave | null {
  return error.code === "CONFLICT" && isStaleSave(error) ? { currentVersion: error.currentVersion, current: error.current } : null;
}
