import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import JSZip from "jszip";
import { type Article, createStory, type DemoRole, expect, type MediaItem, test, transition, uploadMedia } from "./fixtures";

/**
 * The whole access matrix in one table: every newsroom page and every Admin API route, asked
 * by a signed-out visitor and by each demo role, must answer exactly the expected status. The
 * run collects every mismatch before failing, so one run shows the whole matrix. A second test
 * walks app/ and fails naming every page, route and method that has no row here.
 *
 * Rules (README "Roles", lib/auth/policy.ts): signed out, pages end on /login and the API
 * answers 401. A writer's draft is seen by its writer and the adviser only (404 for another
 * writer, and for a student editor until it is submitted). Planning pages (budget, calendar,
 * issues, mastheads) are for editors and faculty; staff, settings and the audit log are the
 * adviser's (404 otherwise). Someone else's .docx import looks like no import. A refusal the
 * caller may know about is 403; bad input from someone allowed to ask is a 4xx with a message.
 * Whatever the status, no answer (page or JSON) shows a hidden story's headline or notes.
 */

type Who = "anonymous" | DemoRole;
const WHO: readonly Who[] = ["anonymous", "writer", "writer2", "editor", "adviser"];
const ROLES: readonly DemoRole[] = ["writer", "writer2", "editor", "adviser"];
/** A status code, or "login" for a page that must end on /login. */
type Outcome = number | "login";
type Expected = Record<Who, Outcome>;
type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

type Fixtures = {
  /** The writer's draft, which stays a draft for the whole run. */
  draft: Article;
  /** The writer's story in review (editors may see it). */
  submitted: Article;
  /** Each role's own API client (the adviser's reads a story's current version before a save). */
  api: Record<DemoRole, APIRequestContext>;
  /** The oldest revision of the draft and of the story in review. */
  draftRevision: string;
  submittedRevision: string;
  /** A coaching note the writer left on the draft. */
  draftNote: string;
  /** The editor's coaching note and required change on the story in review. */
  submittedNote: string;
  requiredChange: string;
  /** A photo the writer uploaded to the shared library. */
  photo: MediaItem;
  /** A .docx with text only, and one with a photo in it. */
  docx: Buffer;
  docxWithPicture: Buffer;
  uid: string;
};

/** Records a row makes afresh before each request (a staged photo can be decided only once). */
type Made = Record<string, string>;
type RequestBody = { data: unknown } | { multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> };

type PageRow = { kind: "page"; /** The route this row covers, as in app/ (groups left out). */ pattern: string; path: (f: Fixtures) => string; expected: Expected };
type ApiRow = {
  kind: "api";
  /** The route this row covers, as in app/api. */
  pattern: string;
  method: Method;
  make?: (f: Fixtures, who: Who) => Promise<Made>;
  path: (f: Fixtures, made: Made) => string;
  body?: (f: Fixtures, made: Made) => Promise<RequestBody> | RequestBody;
  expected: Expected;
};

/** [anonymous, writer, writer2, editor, adviser] */
const row = (...outcomes: [Outcome, Outcome, Outcome, Outcome, Outcome]): Expected =>
  Object.fromEntries(WHO.map((who, i) => [who, outcomes[i]!])) as Expected;

const EVERYONE_SIGNED_IN = row("login", 200, 200, 200, 200);
const REVIEWERS = row("login", 404, 404, 200, 200);
const ADVISER_ONLY = row("login", 404, 404, 404, 200);
const NOBODY = row("login", 404, 404, 404, 404);
const OWN_DRAFT = row("login", 200, 404, 404, 200);
const IN_REVIEW = row("login", 200, 404, 200, 200);

/** The demo's current volume (README: it and the one before have mastheads). */
const CURRENT_VOLUME = 14;
/** A well-formed id that names nothing. */
const MISSING_ID = "zz0000nosuchrecord";

const PAGES: PageRow[] = [
  { kind: "page", pattern: "/newsroom", path: () => "/newsroom", expected: EVERYONE_SIGNED_IN },
  { kind: "page", pattern: "/newsroom/articles/new", path: () => "/newsroom/articles/new", expected: EVERYONE_SIGNED_IN },
  { kind: "page", pattern: "/newsroom/articles/[id]", path: (f) => `/newsroom/articles/${f.draft.id}`, expected: OWN_DRAFT },
  { kind: "page", pattern: "/newsroom/articles/[id]", path: (f) => `/newsroom/articles/${f.submitted.id}`, expected: IN_REVIEW },
  { kind: "page", pattern: "/newsroom/articles/[id]", path: () => `/newsroom/articles/${MISSING_ID}`, expected: NOBODY },
  { kind: "page", pattern: "/newsroom/articles/[id]", path: () => "/newsroom/articles/not-an-id!", expected: NOBODY },
  { kind: "page", pattern: "/newsroom/articles/[id]/revisions", path: (f) => `/newsroom/articles/${f.draft.id}/revisions`, expected: OWN_DRAFT },
  { kind: "page", pattern: "/newsroom/articles/[id]/revisions", path: (f) => `/newsroom/articles/${f.submitted.id}/revisions`, expected: IN_REVIEW },
  { kind: "page", pattern: "/newsroom/articles/[id]/revisions", path: () => `/newsroom/articles/${MISSING_ID}/revisions`, expected: NOBODY },
  // Comparing with another story's revision shows nothing of it (the secrets check below).
  { kind: "page", pattern: "/newsroom/articles/[id]/revisions", path: (f) => `/newsroom/articles/${f.submitted.id}/revisions?a=${f.draftRevision}`, expected: IN_REVIEW },
  { kind: "page", pattern: "/newsroom/staff", path: () => "/newsroom/staff", expected: ADVISER_ONLY },
  { kind: "page", pattern: "/newsroom/settings", path: () => "/newsroom/settings", expected: ADVISER_ONLY },
  { kind: "page", pattern: "/newsroom/audit", path: () => "/newsroom/audit", expected: ADVISER_ONLY },
  { kind: "page", pattern: "/newsroom/account", path: () => "/newsroom/account", expected: EVERYONE_SIGNED_IN },
  { kind: "page", pattern: "/newsroom/notifications", path: () => "/newsroom/notifications", expected: EVERYONE_SIGNED_IN },
  { kind: "page", pattern: "/newsroom/media", path: () => "/newsroom/media", expected: EVERYONE_SIGNED_IN },
  { kind: "page", pattern: "/newsroom/pitches", path: () => "/newsroom/pitches", expected: EVERYONE_SIGNED_IN },
  // "Assignment created" names the story only to those who may see it.
  { kind: "page", pattern: "/newsroom/pitches", path: (f) => `/newsroom/pitches?assigned=${f.draft.id}`, expected: EVERYONE_SIGNED_IN },
  { kind: "page", pattern: "/newsroom/budget", path: () => "/newsroom/budget", expected: REVIEWERS },
  { kind: "page", pattern: "/newsroom/calendar", path: () => "/newsroom/calendar", expected: REVIEWERS },
  { kind: "page", pattern: "/newsroom/issues", path: () => "/newsroom/issues", expected: REVIEWERS },
  // The current volume and last year's (whose editor-in-chief has graduated) both have mastheads.
  { kind: "page", pattern: "/newsroom/issues/masthead/[number]", path: () => `/newsroom/issues/masthead/${CURRENT_VOLUME}`, expected: REVIEWERS },
  { kind: "page", pattern: "/newsroom/issues/masthead/[number]", path: () => `/newsroom/issues/masthead/${CURRENT_VOLUME - 1}`, expected: REVIEWERS },
  { kind: "page", pattern: "/newsroom/issues/masthead/[number]", path: () => "/newsroom/issues/masthead/999", expected: NOBODY },
  { kind: "page", pattern: "/newsroom/issues/masthead/[number]", path: () => "/newsroom/issues/masthead/fourteen", expected: NOBODY },
];

/** An 8×8 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVR4nGM4ISeHFTEMLQkAkL9BAbKfPiIAAAAASUVORK5CYII=", "base64");
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const docxFile = (buffer: Buffer) => ({ name: "matrix.docx", mimeType: DOCX_TYPE, buffer });

/** A role's own client, or the writer's where a signed-out visitor cannot make anything. */
const ownClient = (f: Fixtures, who: Who) => f.api[who === "anonymous" ? "writer" : who];

/** The writer's .docx with a photo, staged for a decision: its import id and the photo's key. */
const writersImport = (f: Fixtures) => importDocxWithPicture(f.api.writer, f);

const API: ApiRow[] = [
  // ---- Stories ----
  { kind: "api", method: "GET", pattern: "/api/v1/articles", path: () => "/api/v1/articles", expected: row(401, 200, 200, 200, 200) },
  { kind: "api", method: "GET", pattern: "/api/v1/articles", path: () => "/api/v1/articles?status=LOST", expected: row(401, 422, 422, 422, 422) },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles",
    path: () => "/api/v1/articles",
    body: () => ({ data: { headline: "Access matrix story", section: "news" } }),
    expected: row(401, 201, 201, 201, 201),
  },
  { kind: "api", method: "POST", pattern: "/api/v1/articles", path: () => "/api/v1/articles", body: () => ({ data: { headline: "" } }), expected: row(401, 422, 422, 422, 422) },
  { kind: "api", method: "POST", pattern: "/api/v1/articles", path: () => "/api/v1/articles", body: () => ({ data: "{headline:", headers: { "content-type": "application/json" } }), expected: row(401, 400, 400, 400, 400) },
  { kind: "api", method: "GET", pattern: "/api/v1/articles/[id]", path: (f) => `/api/v1/articles/${f.draft.id}`, expected: row(401, 200, 404, 404, 200) },
  { kind: "api", method: "GET", pattern: "/api/v1/articles/[id]", path: (f) => `/api/v1/articles/${f.submitted.id}`, expected: row(401, 200, 404, 200, 200) },
  { kind: "api", method: "GET", pattern: "/api/v1/articles/[id]", path: () => `/api/v1/articles/${MISSING_ID}`, expected: row(401, 404, 404, 404, 404) },
  {
    kind: "api",
    method: "PATCH",
    pattern: "/api/v1/articles/[id]",
    path: (f) => `/api/v1/articles/${f.draft.id}`,
    // The version the story is at now, so the only thing that can refuse the save is access.
    body: async (f) => ({ data: { dek: "Edited by the access matrix.", version: await currentVersion(f, f.draft.id) } }),
    expected: row(401, 200, 404, 404, 200),
  },
  {
    kind: "api",
    method: "PATCH",
    pattern: "/api/v1/articles/[id]",
    path: (f) => `/api/v1/articles/${f.submitted.id}`,
    // In review, the writer may no longer edit it; copy edits are the reviewers'.
    body: async (f) => ({ data: { dek: "Copy-edited by the access matrix.", version: await currentVersion(f, f.submitted.id) } }),
    expected: row(401, 403, 404, 200, 200),
  },
  // Approving a draft: the writer's role may not (403); the adviser may, but not from DRAFT (409).
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/transitions",
    path: (f) => `/api/v1/articles/${f.draft.id}/transitions`,
    body: () => ({ data: { action: "approve" } }),
    expected: row(401, 403, 404, 404, 409),
  },
  // Submitting: only the story's own writer, so every request gets a brand-new draft.
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/transitions",
    make: async (f, who) => ({ id: (await createStory(f.api.writer, { headline: `Matrix fresh draft ${who} (${f.uid})`, section: "world" })).id }),
    path: (_, m) => `/api/v1/articles/${m.id}/transitions`,
    body: () => ({ data: { action: "submit" } }),
    expected: row(401, 200, 404, 404, 403),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/transitions",
    path: (f) => `/api/v1/articles/${f.submitted.id}/transitions`,
    body: () => ({ data: { action: "explode" } }),
    expected: row(401, 422, 422, 422, 422),
  },

  // ---- Revisions ----
  { kind: "api", method: "GET", pattern: "/api/v1/articles/[id]/revisions", path: (f) => `/api/v1/articles/${f.draft.id}/revisions`, expected: row(401, 200, 404, 404, 200) },
  { kind: "api", method: "GET", pattern: "/api/v1/articles/[id]/revisions", path: (f) => `/api/v1/articles/${f.submitted.id}/revisions`, expected: row(401, 200, 404, 200, 200) },
  {
    kind: "api",
    method: "GET",
    pattern: "/api/v1/articles/[id]/revisions/[revisionId]",
    path: (f) => `/api/v1/articles/${f.draft.id}/revisions/${f.draftRevision}`,
    expected: row(401, 200, 404, 404, 200),
  },
  {
    kind: "api",
    method: "GET",
    pattern: "/api/v1/articles/[id]/revisions/[revisionId]",
    path: (f) => `/api/v1/articles/${f.submitted.id}/revisions/${f.submittedRevision}`,
    expected: row(401, 200, 404, 200, 200),
  },
  // A revision is reached only through its own story: another story's revision is no revision.
  {
    kind: "api",
    method: "GET",
    pattern: "/api/v1/articles/[id]/revisions/[revisionId]",
    path: (f) => `/api/v1/articles/${f.draft.id}/revisions/${f.submittedRevision}`,
    expected: row(401, 404, 404, 404, 404),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/revisions/[revisionId]/restore",
    path: (f) => `/api/v1/articles/${f.draft.id}/revisions/${f.draftRevision}/restore`,
    body: async (f) => ({ data: { version: await currentVersion(f, f.draft.id) } }),
    expected: row(401, 200, 404, 404, 200),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/revisions/[revisionId]/restore",
    path: (f) => `/api/v1/articles/${f.submitted.id}/revisions/${f.submittedRevision}/restore`,
    body: async (f) => ({ data: { version: await currentVersion(f, f.submitted.id) } }),
    expected: row(401, 403, 404, 200, 200),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/revisions/[revisionId]/restore",
    path: (f) => `/api/v1/articles/${f.draft.id}/revisions/${f.draftRevision}/restore`,
    body: () => ({ data: {} }),
    expected: row(401, 422, 422, 422, 422),
  },

  // ---- Suggestions ---- (listed by whoever sees the story; deciding "all" with none open is 404 for whoever may decide)
  { kind: "api", method: "GET", pattern: "/api/v1/articles/[id]/suggestions", path: (f) => `/api/v1/articles/${f.draft.id}/suggestions`, expected: row(401, 200, 404, 404, 200) },
  { kind: "api", method: "GET", pattern: "/api/v1/articles/[id]/suggestions", path: (f) => `/api/v1/articles/${f.submitted.id}/suggestions`, expected: row(401, 200, 404, 200, 200) },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/suggestions/[suggestionId]/accept",
    path: (f) => `/api/v1/articles/${f.submitted.id}/suggestions/all/accept`,
    body: () => ({ data: {} }),
    expected: row(401, 404, 404, 404, 404),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/suggestions/[suggestionId]/reject",
    path: () => `/api/v1/articles/${MISSING_ID}/suggestions/all/reject`,
    body: () => ({ data: {} }),
    expected: row(401, 404, 404, 404, 404),
  },

  // ---- Comments ----
  { kind: "api", method: "GET", pattern: "/api/v1/articles/[id]/comments", path: (f) => `/api/v1/articles/${f.draft.id}/comments`, expected: row(401, 200, 404, 404, 200) },
  { kind: "api", method: "GET", pattern: "/api/v1/articles/[id]/comments", path: (f) => `/api/v1/articles/${f.submitted.id}/comments`, expected: row(401, 200, 404, 200, 200) },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/comments",
    path: (f) => `/api/v1/articles/${f.draft.id}/comments`,
    body: () => ({ data: { body: "A coaching note from the access matrix." } }),
    expected: row(401, 201, 404, 404, 201),
  },
  // Only a reviewer, never the story's own writer, makes a change required.
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/comments",
    path: (f) => `/api/v1/articles/${f.submitted.id}/comments`,
    body: () => ({ data: { body: "A required change from the access matrix.", kind: "REQUIRED" } }),
    expected: row(401, 403, 404, 201, 201),
  },
  // A reply must be to a thread on the same story.
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/comments",
    path: (f) => `/api/v1/articles/${f.draft.id}/comments`,
    body: (f) => ({ data: { body: "A reply across stories.", parentId: f.submittedNote } }),
    expected: row(401, 422, 404, 404, 422),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/comments/[commentId]/resolve",
    path: (f) => `/api/v1/articles/${f.draft.id}/comments/${f.draftNote}/resolve`,
    body: () => ({ data: { resolved: true } }),
    expected: row(401, 200, 404, 404, 200),
  },
  // Coaching on your own story is yours to resolve; a required change is a reviewer's.
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/comments/[commentId]/resolve",
    path: (f) => `/api/v1/articles/${f.submitted.id}/comments/${f.submittedNote}/resolve`,
    body: () => ({ data: { resolved: true } }),
    expected: row(401, 200, 404, 200, 200),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/comments/[commentId]/resolve",
    path: (f) => `/api/v1/articles/${f.submitted.id}/comments/${f.requiredChange}/resolve`,
    body: () => ({ data: { resolved: false } }),
    expected: row(401, 403, 404, 200, 200),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/comments/[commentId]/resolve",
    path: (f) => `/api/v1/articles/${f.draft.id}/comments/${f.requiredChange}/resolve`,
    body: () => ({ data: { resolved: true } }),
    expected: row(401, 404, 404, 404, 404),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/articles/[id]/comments/[commentId]/resolve",
    path: (f) => `/api/v1/articles/${f.draft.id}/comments/${f.draftNote}/resolve`,
    body: () => ({ data: { resolved: "yes" } }),
    expected: row(401, 422, 422, 422, 422),
  },

  // ---- Presence ----
  { kind: "api", method: "POST", pattern: "/api/v1/articles/[id]/presence", path: (f) => `/api/v1/articles/${f.draft.id}/presence`, expected: row(401, 200, 404, 404, 200) },
  { kind: "api", method: "DELETE", pattern: "/api/v1/articles/[id]/presence", path: (f) => `/api/v1/articles/${f.draft.id}/presence`, expected: row(401, 204, 404, 404, 204) },
  { kind: "api", method: "DELETE", pattern: "/api/v1/articles/[id]/presence", path: (f) => `/api/v1/articles/${f.submitted.id}/presence`, expected: row(401, 204, 404, 204, 204) },

  // ---- The server's own revalidation (the scheduler's): only the process itself knows the token ----
  { kind: "api", method: "POST", pattern: "/api/internal/revalidate", path: () => "/api/internal/revalidate", expected: row(404, 404, 404, 404, 404) },

  // ---- Media library (shared by the whole newsroom; details are the uploader's or an editor's) ----
  { kind: "api", method: "GET", pattern: "/api/v1/media", path: () => "/api/v1/media", expected: row(401, 200, 200, 200, 200) },
  { kind: "api", method: "GET", pattern: "/api/v1/media", path: () => "/api/v1/media?limit=-3", expected: row(401, 422, 422, 422, 422) },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/media",
    path: () => "/api/v1/media",
    body: () => ({ multipart: { file: { name: "matrix.png", mimeType: "image/png", buffer: PNG } } }),
    expected: row(401, 201, 201, 201, 201),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/media",
    path: () => "/api/v1/media",
    body: () => ({ multipart: { file: { name: "matrix.png", mimeType: "image/png", buffer: Buffer.from("not a picture") } } }),
    expected: row(401, 422, 422, 422, 422),
  },
  { kind: "api", method: "GET", pattern: "/api/v1/media/[id]", path: (f) => `/api/v1/media/${f.photo.id}`, expected: row(401, 200, 200, 200, 200) },
  { kind: "api", method: "GET", pattern: "/api/v1/media/[id]", path: () => `/api/v1/media/${MISSING_ID}`, expected: row(401, 404, 404, 404, 404) },
  {
    kind: "api",
    method: "PATCH",
    pattern: "/api/v1/media/[id]",
    path: (f) => `/api/v1/media/${f.photo.id}`,
    body: () => ({ data: { caption: "Captioned by the access matrix." } }),
    expected: row(401, 200, 403, 200, 200),
  },
  {
    kind: "api",
    method: "PATCH",
    pattern: "/api/v1/media/[id]",
    path: () => `/api/v1/media/${MISSING_ID}`,
    body: () => ({ data: { caption: "Nothing to caption." } }),
    expected: row(401, 404, 404, 404, 404),
  },

  // ---- .docx import ----
  { kind: "api", method: "POST", pattern: "/api/v1/import", path: () => "/api/v1/import", body: (f) => ({ multipart: { file: docxFile(f.docx) } }), expected: row(401, 200, 200, 200, 200) },
  // For an existing story: whoever may edit it now (404 if hidden, 403 once it is in review).
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/import",
    path: () => "/api/v1/import",
    body: (f) => ({ multipart: { file: docxFile(f.docx), articleId: f.draft.id } }),
    expected: row(401, 200, 404, 404, 200),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/import",
    path: () => "/api/v1/import",
    body: (f) => ({ multipart: { file: docxFile(f.docx), articleId: f.submitted.id } }),
    expected: row(401, 403, 404, 200, 200),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/import",
    path: () => "/api/v1/import",
    body: () => ({ multipart: { file: docxFile(PNG) } }),
    expected: row(401, 422, 422, 422, 422),
  },
  // A staged photo is decided only by the person who imported it: to anyone else it is no photo.
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/import/[importId]/images/[key]",
    make: (f) => writersImport(f),
    path: (_, m) => `/api/v1/import/${m.importId}/images/${m.key}`,
    body: () => ({ data: { alt: "A test card", credit: "Access matrix" } }),
    expected: row(401, 201, 404, 404, 404),
  },
  // ...whatever their role: every role decides its own import's photos.
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/import/[importId]/images/[key]",
    make: (f, who) => importDocxWithPicture(ownClient(f, who), f),
    path: (_, m) => `/api/v1/import/${m.importId}/images/${m.key}`,
    body: () => ({ data: { alt: "A test card" } }),
    expected: row(401, 201, 201, 201, 201),
  },
  // A photo already skipped is gone, for its owner too.
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/import/[importId]/images/[key]",
    make: async (f) => {
      const staged = await writersImport(f);
      const skip = await f.api.writer.delete(`/api/v1/import/${staged.importId}/images/${staged.key}`);
      expect(skip.status(), await skip.text()).toBe(204);
      return staged;
    },
    path: (_, m) => `/api/v1/import/${m.importId}/images/${m.key}`,
    body: () => ({ data: { alt: "A test card" } }),
    expected: row(401, 404, 404, 404, 404),
  },
  // Imported for a draft that has since gone into review: its writer may no longer add to it.
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/import/[importId]/images/[key]",
    make: async (f, who) => {
      const story = await createStory(f.api.writer, { headline: `Matrix import then submit ${who} (${f.uid})`, section: "world" });
      const staged = await importDocxWithPicture(f.api.writer, f, story.id);
      await transition(f.api.writer, story.id, "submit");
      return staged;
    },
    path: (_, m) => `/api/v1/import/${m.importId}/images/${m.key}`,
    body: () => ({ data: { alt: "A test card" } }),
    expected: row(401, 403, 404, 404, 404),
  },
  {
    kind: "api",
    method: "POST",
    pattern: "/api/v1/import/[importId]/images/[key]",
    make: (f) => writersImport(f),
    path: (_, m) => `/api/v1/import/${m.importId}/images/${m.key}`,
    body: () => ({ data: { alt: "x".repeat(5000) } }),
    expected: row(401, 422, 422, 422, 422),
  },
  { kind: "api", method: "POST", pattern: "/api/v1/import/[importId]/images/[key]", path: () => "/api/v1/import/not-an-import/images/image-1", body: () => ({ data: {} }), expected: row(401, 404, 404, 404, 404) },
  {
    kind: "api",
    method: "DELETE",
    pattern: "/api/v1/import/[importId]/images/[key]",
    make: (f) => writersImport(f),
    path: (_, m) => `/api/v1/import/${m.importId}/images/${m.key}`,
    expected: row(401, 204, 404, 404, 404),
  },
  {
    kind: "api",
    method: "DELETE",
    pattern: "/api/v1/import/[importId]/images/[key]",
    make: (f, who) => importDocxWithPicture(ownClient(f, who), f),
    path: (_, m) => `/api/v1/import/${m.importId}/images/${m.key}`,
    expected: row(401, 204, 204, 204, 204),
  },
  {
    kind: "api",
    method: "DELETE",
    pattern: "/api/v1/import/[importId]/images/[key]",
    make: async (f) => ({ ...(await writersImport(f)), key: "image-9" }),
    path: (_, m) => `/api/v1/import/${m.importId}/images/${m.key}`,
    expected: row(401, 404, 404, 404, 404),
  },
];

type Mismatch = { who: Who; request: string; expected: Outcome; actual: string };

/** Words from the fixtures and who may read them; to anyone else they appear in no answer at all. */
type Secret = { text: string; readers: readonly Who[] };

test("every newsroom page and API route answers each role exactly as the access rules say", async ({ pageAs, anonymousPage, apiAs, uid }) => {
  test.setTimeout(360_000);
  const api = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await apiAs(r)] as const))) as Record<DemoRole, APIRequestContext>;
  const draft = await createStory(api.writer, { headline: `Matrix draft (${uid})`, section: "world" });
  const submitted = await createStory(api.writer, { headline: `Matrix in review (${uid})`, section: "world" });
  await transition(api.writer, submitted.id, "submit");
  const draftNoteText = `The writer's own note on the matrix draft (${uid})`;
  const fixtures: Fixtures = {
    draft,
    submitted,
    api,
    draftRevision: await oldestRevision(api.writer, draft.id),
    submittedRevision: await oldestRevision(api.writer, submitted.id),
    draftNote: await comment(api.writer, draft.id, { body: draftNoteText }),
    submittedNote: await comment(api.editor, submitted.id, { body: "Coaching from the editor." }),
    requiredChange: await comment(api.editor, submitted.id, { body: "Name your source.", kind: "REQUIRED" }),
    photo: await uploadMedia(api.writer, { name: `matrix-${uid}.png`, mimeType: "image/png", buffer: PNG }),
    docx: await docx("Imported for the access matrix."),
    docxWithPicture: await docx("Imported with a photo for the access matrix.", PNG),
    uid,
  };
  const secrets: Secret[] = [
    { text: draft.headline, readers: ["writer", "adviser"] },
    { text: draftNoteText, readers: ["writer", "adviser"] },
    { text: submitted.headline, readers: ["writer", "editor", "adviser"] },
  ];

  const mismatches: Mismatch[] = [];
  /** Secrets some reader was shown: proof that the search for them in answers can find them. */
  const seen = new Set<string>();
  let checked = 0;
  for (const who of WHO) {
    const page: Page = who === "anonymous" ? await anonymousPage() : await pageAs(who);
    // The API client shares the page's cookies: the same session asks for pages and JSON.
    const client = page.context().request;
    const hidden = secrets.filter((s) => !s.readers.includes(who)).map((s) => s.text);
    const readable = secrets.filter((s) => s.readers.includes(who)).map((s) => s.text);
    const note = (answer: string) => readable.forEach((secret) => answer.includes(secret) && seen.add(secret));

    for (const r of PAGES) {
      const url = r.path(fixtures);
      const expected = r.expected[who];
      checked++;
      if (!matchesPattern(url, r.pattern)) {
        mismatches.push({ who, request: `page ${url}`, expected, actual: `a path outside its row's pattern ${r.pattern}` });
        continue;
      }
      const response = await page.goto(url, { waitUntil: "domcontentloaded" });
      const finalPath = new URL(page.url()).pathname;
      const actual = finalPath === "/login" ? "login" : String(response?.status() ?? "no response");
      if (actual !== String(expected)) {
        mismatches.push({ who, request: `page ${url}`, expected, actual: `${actual} (at ${finalPath})` });
        continue;
      }
      // A hidden story looks like no story: its headline is nowhere in the answer.
      const html = await page.content();
      note(html);
      for (const secret of hidden) if (html.includes(secret)) mismatches.push({ who, request: `page ${url}`, expected, actual: `${actual}, but shows “${secret}”` });
    }

    for (const r of API) {
      const made = r.make ? await r.make(fixtures, who) : {};
      const url = r.path(fixtures, made);
      const request = `${r.method} ${url}`;
      const expected = r.expected[who];
      checked++;
      if (!matchesPattern(url, r.pattern)) {
        mismatches.push({ who, request, expected, actual: `a path outside its row's pattern ${r.pattern}` });
        continue;
      }
      const body = r.body ? await r.body(fixtures, made) : undefined;
      const response = await client.fetch(url, { method: r.method, ...(body ?? {}), maxRedirects: 0 });
      const text = await response.text();
      const status = response.status();
      note(text);
      if (status !== expected) {
        mismatches.push({ who, request, expected, actual: `${status} ${text.slice(0, 160)}` });
        continue;
      }
      for (const secret of hidden) if (text.includes(secret)) mismatches.push({ who, request, expected, actual: `${status}, but the body names “${secret}”` });
      // Every refusal says why, in the API's error shape.
      if (status >= 400 && !hasErrorMessage(text)) mismatches.push({ who, request, expected, actual: `${status} without {"error":{"code","message"}}: ${text.slice(0, 160)}` });
    }
  }

  const table = mismatches.map((m) => `  ${m.who.padEnd(9)} ${m.request.padEnd(90)} expected ${String(m.expected).padEnd(5)} got ${m.actual}`).join("\n");
  expect(checked).toBe(WHO.length * (PAGES.length + API.length));
  expect(secrets.map((s) => s.text).filter((text) => !seen.has(text))).toEqual([]);
  expect(mismatches, `${mismatches.length} of ${checked} cells differ from the access rules:\n${table}`).toEqual([]);
});

test("the matrix has a row for every newsroom page and every Admin API route and method", () => {
  const routes = discoverRoutes(path.join(process.cwd(), "app"));
  // The walk itself must work, or an empty list would pass.
  expect(routes).toContain("page /newsroom");
  expect(routes).toContain("GET /api/v1/articles");
  expect(routes.filter((r) => r.startsWith("page /api") || r.includes("/api/auth") || r.includes("/api/health"))).toEqual([]);

  const rows = [...PAGES.map((r) => `page ${r.pattern}`), ...API.map((r) => `${r.method} ${r.pattern}`)];
  const missing = routes.filter((route) => !rows.includes(route));
  const stale = [...new Set(rows)].filter((covered) => !routes.includes(covered));
  expect(missing, `No row in e2e/access-matrix.spec.ts for:\n  ${missing.join("\n  ")}`).toEqual([]);
  expect(stale, `Rows for routes that app/ no longer has:\n  ${stale.join("\n  ")}`).toEqual([]);
});

/**
 * Every page under app/(newsroom) as "page <pattern>", and every method exported by a route
 * under app/api (next-auth and the liveness probe aside) as "<METHOD> <pattern>". Route groups
 * and parallel-route slots are not part of a URL; private folders (`_x`) are not routes.
 */
function discoverRoutes(appDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_")) continue;
        walk(full, [...segments, entry.name]);
        continue;
      }
      const urlSegments = segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
      const pattern = `/${urlSegments.join("/")}`;
      if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name) && segments[0] === "(newsroom)") {
        found.push(`page ${pattern}`);
      } else if (/^route\.(ts|js)$/.test(entry.name) && urlSegments[0] === "api") {
        if (urlSegments[1] === "auth" || urlSegments[1] === "health") continue;
        const methods = exportedMethods(readFileSync(full, "utf8"));
        if (methods.length === 0) found.push(`(no HTTP method exported) ${pattern}`);
        for (const method of methods) found.push(`${method} ${pattern}`);
      }
    }
  };
  walk(appDir, []);
  return found.sort();
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** `export const GET = …`, `export async function POST(…)`, and `export { handler as PATCH }`. */
function exportedMethods(source: string): string[] {
  const methods = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|var|(?:async\s+)?function)\s+([A-Z]+)\b/g)) methods.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) methods.add(name);
    }
  }
  return HTTP_METHODS.filter((method) => methods.has(method));
}

/** The path (query string aside) is one the pattern's route serves: each [param] is one segment. */
function matchesPattern(url: string, pattern: string): boolean {
  const pathname = url.split("?")[0]!;
  const regex = pattern
    .split("/")
    .map((segment) => (/^\[[^\]]+\]$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${regex}$`).test(pathname);
}

function hasErrorMessage(text: string): boolean {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof body.error?.code === "string" && typeof body.error.message === "string" && body.error.message.trim().length > 0;
  } catch {
    return false;
  }
}

async function currentVersion(f: Fixtures, id: string): Promise<number> {
  const res = await f.api.adviser.get(`/api/v1/articles/${id}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { article: { version: number } }).article.version;
}

async function oldestRevision(api: APIRequestContext, articleId: string): Promise<string> {
  const res = await api.get(`/api/v1/articles/${articleId}/revisions`);
  expect(res.status(), await res.text()).toBe(200);
  const { revisions } = (await res.json()) as { revisions: { id: string }[] };
  return revisions.at(-1)!.id;
}

async function comment(api: APIRequestContext, articleId: string, data: { body: string; kind?: "COACHING" | "REQUIRED" }): Promise<string> {
  const res = await api.post(`/api/v1/articles/${articleId}/comments`, { data });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { comment: { id: string } }).comment.id;
}

/** Import the .docx with a photo as `api`'s user (for `articleId`, if given); the photo waits staged. */
async function importDocxWithPicture(api: APIRequestContext, f: Fixtures, articleId?: string): Promise<Made> {
  const res = await api.post("/api/v1/import", { multipart: { file: docxFile(f.docxWithPicture), ...(articleId ? { articleId } : {}) } });
  expect(res.status(), await res.text()).toBe(200);
  const result = (await res.json()) as { importId: string | null; images: { key: string }[]; failedImages: unknown[] };
  expect(result.importId, `the photo was not staged: ${JSON.stringify(result.failedImages)}`).toMatch(/^[a-f0-9]{24}$/);
  return { importId: result.importId!, key: result.images[0]!.key };
}

/** A minimal .docx with one paragraph and, when given, a PNG after it. */
async function docx(paragraph: string, png?: Buffer): Promise<Buffer> {
  const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const picture =
    '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="Picture"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rIdPhoto"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="word/document.xml"/></Relationships>`);
  if (png) {
    zip.file("word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdPhoto" Type="${rel}/image" Target="media/image1.png"/></Relationships>`);
    zip.file("word/media/image1.png", png);
  }
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${ns}><w:body><w:p><w:r><w:t>${paragraph}</w:t></w:r></w:p>${png ? picture : ""}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer" });
}

