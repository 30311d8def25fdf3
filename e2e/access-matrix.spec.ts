import { crc32 } from "node:zlib";
import type { APIRequestContext, Page } from "@playwright/test";
import { type Article, createStory, type DemoRole, expect, test, transition } from "./fixtures";

/**
 * The whole access matrix in one table: every newsroom page and every Admin API route, asked
 * by a signed-out visitor and by each demo role, must answer exactly the expected status. The
 * run collects every mismatch before failing, so one run shows the whole matrix.
 *
 * Rules: signed out, pages redirect to /login and the API answers 401. A writer's draft is
 * seen by its writer and the adviser only (404 for another writer, and for a student editor
 * until it is submitted). Staff, settings and the audit log are the adviser's (404 otherwise).
 */

type Who = "anonymous" | DemoRole;
const WHO: readonly Who[] = ["anonymous", "writer", "writer2", "editor", "adviser"];
/** A status code, or "login" for a page that must end on /login. */
type Outcome = number | "login";
type Expected = Record<Who, Outcome>;

type Fixtures = {
  /** The writer's draft, which stays a draft for the whole run. */
  draft: Article;
  /** The writer's story in review (editors may see it). */
  submitted: Article;
  /** The adviser's client, to read a story's current version before a PATCH. */
  adviser: APIRequestContext;
};

type PageRow = { kind: "page"; path: (f: Fixtures) => string; expected: Expected };
type ApiRow = {
  kind: "api";
  method: "GET" | "POST" | "PATCH";
  path: (f: Fixtures) => string;
  /** `:id` in `path` is this story (default: the draft). "fresh" makes a new draft per request. */
  story?: "draft" | "submitted" | "fresh";
  body?: (f: Fixtures, storyId: string) => Promise<RequestBody> | RequestBody;
  expected: Expected;
};
type RequestBody = { data: unknown } | { multipart: Record<string, { name: string; mimeType: string; buffer: Buffer }> };

/** [anonymous, writer, writer2, editor, adviser] */
const row = (...outcomes: [Outcome, Outcome, Outcome, Outcome, Outcome]): Expected =>
  Object.fromEntries(WHO.map((who, i) => [who, outcomes[i]!])) as Expected;

const EVERYONE_SIGNED_IN = row("login", 200, 200, 200, 200);
const ADVISER_ONLY = row("login", 404, 404, 404, 200);
const OWN_DRAFT = row("login", 200, 404, 404, 200);
const IN_REVIEW = row("login", 200, 404, 200, 200);

const PAGES: PageRow[] = [
  { kind: "page", path: () => "/newsroom", expected: EVERYONE_SIGNED_IN },
  { kind: "page", path: () => "/newsroom/articles/new", expected: EVERYONE_SIGNED_IN },
  { kind: "page", path: (f) => `/newsroom/articles/${f.draft.id}`, expected: OWN_DRAFT },
  { kind: "page", path: (f) => `/newsroom/articles/${f.draft.id}/revisions`, expected: OWN_DRAFT },
  { kind: "page", path: (f) => `/newsroom/articles/${f.submitted.id}`, expected: IN_REVIEW },
  { kind: "page", path: (f) => `/newsroom/articles/${f.submitted.id}/revisions`, expected: IN_REVIEW },
  { kind: "page", path: () => "/newsroom/staff", expected: ADVISER_ONLY },
  { kind: "page", path: () => "/newsroom/settings", expected: ADVISER_ONLY },
  { kind: "page", path: () => "/newsroom/account", expected: EVERYONE_SIGNED_IN },
  { kind: "page", path: () => "/newsroom/audit", expected: ADVISER_ONLY },
];

/** An 8×8 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVR4nGM4ISeHFTEMLQkAkL9BAbKfPiIAAAAASUVORK5CYII=", "base64");
const DOCX = docx("Imported for the access matrix.");

const API: ApiRow[] = [
  { kind: "api", method: "GET", path: () => "/api/v1/articles", expected: row(401, 200, 200, 200, 200) },
  { kind: "api", method: "POST", path: () => "/api/v1/articles", body: () => ({ data: { headline: "Access matrix story", section: "news" } }), expected: row(401, 201, 201, 201, 201) },
  { kind: "api", method: "GET", path: () => "/api/v1/articles/:id", expected: row(401, 200, 404, 404, 200) },
  { kind: "api", method: "GET", path: () => "/api/v1/articles/:id", story: "submitted", expected: row(401, 200, 404, 200, 200) },
  {
    kind: "api",
    method: "PATCH",
    path: () => "/api/v1/articles/:id",
    // The version the story is at now, so the only thing that can refuse the save is access.
    body: async (f, id) => ({ data: { dek: "Edited by the access matrix.", version: await currentVersion(f.adviser, id) } }),
    expected: row(401, 200, 404, 404, 200),
  },
  // Approving a draft: the writer's role may not (403); the adviser may, but not from DRAFT (409).
  { kind: "api", method: "POST", path: () => "/api/v1/articles/:id/transitions", body: () => ({ data: { action: "approve" } }), expected: row(401, 403, 404, 404, 409) },
  // Submitting: only the story's own writer, so every request gets a brand-new draft.
  { kind: "api", method: "POST", path: () => "/api/v1/articles/:id/transitions", story: "fresh", body: () => ({ data: { action: "submit" } }), expected: row(401, 200, 404, 404, 403) },
  { kind: "api", method: "GET", path: () => "/api/v1/articles/:id/revisions", expected: row(401, 200, 404, 404, 200) },
  { kind: "api", method: "GET", path: () => "/api/v1/articles/:id/comments", expected: row(401, 200, 404, 404, 200) },
  { kind: "api", method: "POST", path: () => "/api/v1/articles/:id/comments", body: () => ({ data: { body: "A coaching note from the access matrix." } }), expected: row(401, 201, 404, 404, 201) },
  { kind: "api", method: "POST", path: () => "/api/v1/articles/:id/presence", expected: row(401, 200, 404, 404, 200) },
  { kind: "api", method: "GET", path: () => "/api/v1/media", expected: row(401, 200, 200, 200, 200) },
  {
    kind: "api",
    method: "POST",
    path: () => "/api/v1/media",
    body: () => ({ multipart: { file: { name: "matrix.png", mimeType: "image/png", buffer: PNG } } }),
    expected: row(401, 201, 201, 201, 201),
  },
  {
    kind: "api",
    method: "POST",
    path: () => "/api/v1/import",
    body: () => ({ multipart: { file: { name: "matrix.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: DOCX } } }),
    expected: row(401, 200, 200, 200, 200),
  },
];

type Mismatch = { who: Who; request: string; expected: Outcome; actual: string };

test("every newsroom page and API route answers each role exactly as the access rules say", async ({ pageAs, anonymousPage, apiAs, uid }) => {
  test.setTimeout(180_000);
  const writerApi = await apiAs("writer");
  const fixtures: Fixtures = {
    draft: await createStory(writerApi, { headline: `Matrix draft (${uid})`, section: "world" }),
    submitted: await createStory(writerApi, { headline: `Matrix in review (${uid})`, section: "world" }),
    adviser: await apiAs("adviser"),
  };
  await transition(writerApi, fixtures.submitted.id, "submit");
  const secrets = [fixtures.draft.headline, fixtures.submitted.headline];

  const mismatches: Mismatch[] = [];
  let checked = 0;
  for (const who of WHO) {
    const page: Page = who === "anonymous" ? await anonymousPage() : await pageAs(who);
    // The API client shares the page's cookies: the same session asks for pages and JSON.
    const api = page.context().request;

    for (const r of PAGES) {
      const path = r.path(fixtures);
      const expected = r.expected[who];
      const response = await page.goto(path, { waitUntil: "domcontentloaded" });
      const finalPath = new URL(page.url()).pathname;
      const actual = finalPath === "/login" ? "login" : String(response?.status() ?? "no response");
      checked++;
      if (actual !== String(expected)) mismatches.push({ who, request: `page ${path}`, expected, actual: `${actual} (at ${finalPath})` });
      else if (expected === 404 || expected === "login") {
        // A hidden story looks like no story: its headline is nowhere in the answer.
        const html = await page.content();
        for (const secret of secrets) if (html.includes(secret)) mismatches.push({ who, request: `page ${path}`, expected, actual: `${actual}, but shows “${secret}”` });
      }
    }

    for (const r of API) {
      const storyId =
        r.story === "fresh"
          ? (await createStory(writerApi, { headline: `Matrix fresh draft ${who} (${uid})`, section: "world" })).id
          : r.story === "submitted"
            ? fixtures.submitted.id
            : fixtures.draft.id;
      const path = r.path(fixtures).replace(":id", storyId);
      const expected = r.expected[who];
      const body = r.body ? await r.body(fixtures, storyId) : undefined;
      const response = await api.fetch(path, { method: r.method, ...(body ?? {}), maxRedirects: 0 });
      const text = await response.text();
      checked++;
      if (response.status() !== expected) {
        mismatches.push({ who, request: `${r.method} ${path}`, expected, actual: `${response.status()} ${text.slice(0, 160)}` });
      } else if (expected === 401 || expected === 404) {
        for (const secret of secrets) if (text.includes(secret)) mismatches.push({ who, request: `${r.method} ${path}`, expected, actual: `${response.status()}, but the body names “${secret}”` });
      }
    }
  }

  const table = mismatches.map((m) => `  ${m.who.padEnd(9)} ${m.request.padEnd(70)} expected ${String(m.expected).padEnd(5)} got ${m.actual}`).join("\n");
  expect(checked).toBe(WHO.length * (PAGES.length + API.length));
  expect(mismatches, `${mismatches.length} of ${checked} cells differ from the access rules:\n${table}`).toEqual([]);
});

async function currentVersion(api: APIRequestContext, id: string): Promise<number> {
  const res = await api.get(`/api/v1/articles/${id}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { article: { version: number } }).article.version;
}

/** A minimal .docx (a zip of three XML parts, stored without compression) with one paragraph. */
function docx(paragraph: string): Buffer {
  const files: Record<string, string> = {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${paragraph}</w:t></w:r></w:p></w:body></w:document>`,
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, "utf8");
    const fileName = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
