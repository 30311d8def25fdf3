import { readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Locator, type Page, test as base } from "@playwright/test";
import { DEMO_CURRENT_VOLUME, demoGraduate, demoVolume } from "../prisma/demo/calendar";

/** The demo newsroom's accounts (prisma/seed.ts); every one uses DEMO_PASSWORD. */
export const DEMO_PASSWORD = "masthead-demo";
export const USERS = {
  adviser: { email: "adviser@demo.test", name: "Hana Park" },
  editor: { email: "editor@demo.test", name: "Minji Kim" },
  writer: { email: "writer@demo.test", name: "Jaehoon Song" },
  writer2: { email: "writer2@demo.test", name: "Seo-yeon Lee" },
} as const;
export type DemoRole = keyof typeof USERS;
export type Credentials = { email: string; password: string };

export type Article = {
  id: string;
  slug: string;
  headline: string;
  body: string;
  status: string;
  version: number;
  section: { slug: string; name: string } | null;
};

/** A suffix no other test (or earlier run on the same database) uses. */
export function uniqueId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The Aleppo story from prisma/demo/aleppo.md: front matter fields and its paragraphs. */
export function readAleppo() {
  const raw = readFileSync(path.join(process.cwd(), "prisma/demo/aleppo.md"), "utf8");
  const [, front = "", body = ""] = raw.split(/^---\s*$/m);
  const field = (name: string, indent = "") => new RegExp(`^${indent}${name}:\\s*"?(.*?)"?\\s*$`, "m").exec(front)?.[1] ?? "";
  return {
    title: field("title"),
    section: field("section"),
    author: field("author"),
    grade: field("grade"),
    /** The lead image (the map): its alt text and its credit. */
    image: { description: field("description", "[ \\t]+"), credit: field("credit", "[ \\t]+") },
    paragraphs: body
      .trim()
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
  };
}

export function toHtml(paragraphs: string[]): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return paragraphs.map((p) => `<p>${escape(p)}</p>`).join("");
}

/**
 * Sign in through next-auth's own endpoints, not the form (documenso `e2e/fixtures/authentication.ts`).
 * Given a context's `request`, the session cookie lands in that browser context.
 */
export async function signIn(request: APIRequestContext, { email, password }: Credentials) {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.status(), "GET /api/auth/csrf").toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  // A refusal is a 401 whose redirect URL carries ?error=CredentialsSignin.
  const { url } = (await res.json()) as { url: string };
  if (res.status() === 401 && url.includes("error=")) throw new SignInRefused(email, url);
  expect(res.status(), `sign-in for ${email}: ${url}`).toBe(200);
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email, `session for ${email}`).toBe(email);
}

export class SignInRefused extends Error {
  constructor(email: string, url: string) {
    super(`next-auth refused ${email}: ${url}`);
  }
}

export function demoCredentials(role: DemoRole): Credentials {
  return { email: USERS[role].email, password: DEMO_PASSWORD };
}

/** Sign the given page's browser context in as a demo user. */
export async function loginAs(page: Page, role: DemoRole) {
  await signIn(page.context().request, demoCredentials(role));
}

/** Create a story through the Admin API; expects 201 and returns the article. */
export async function createStory(
  api: APIRequestContext,
  input: { headline: string; body?: string; dek?: string; section?: string },
): Promise<Article> {
  const res = await api.post("/api/v1/articles", { data: { body: "<p>Filed for an end-to-end test.</p>", ...input } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { article: Article }).article;
}

/** Run a workflow transition through the API; expects 200 and returns the article. */
export async function transition(api: APIRequestContext, id: string, action: string, extra: { note?: string; publishAt?: string } = {}): Promise<Article> {
  const res = await api.post(`/api/v1/articles/${id}/transitions`, { data: { action, ...extra } });
  expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
  return ((await res.json()) as { article: Article }).article;
}

/** Drive a new story from draft to published: filed and submitted by `writer`, approved and published by `publisher`. */
export async function publishStory(
  writer: APIRequestContext,
  publisher: APIRequestContext,
  input: { headline: string; body?: string; dek?: string; section?: string },
): Promise<Article> {
  const story = await createStory(writer, input);
  await transition(writer, story.id, "submit");
  await transition(publisher, story.id, "approve");
  const published = await transition(publisher, story.id, "publish");
  expect(published.status).toBe("PUBLISHED");
  return published;
}

/** A media-library image as the Admin API returns it (the fields the tests read). */
export type MediaItem = { id: string; originalName: string; alt: string; caption: string; credit: string; urls: { src: string } };

/** Upload one file to the media library through the Admin API; expects 201 and returns the image. */
export async function uploadMedia(api: APIRequestContext, file: { name: string; mimeType: string; buffer: Buffer }): Promise<MediaItem> {
  const res = await api.post("/api/v1/media", { multipart: { file } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { media: MediaItem[] }).media[0]!;
}

/** The ids in the media library, newest first, as the Admin API lists them (up to 200). */
export async function listMediaIds(api: APIRequestContext): Promise<string[]> {
  const res = await api.get("/api/v1/media?limit=200");
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { media: MediaItem[] }).media.map((m) => m.id);
}

type Fixtures = {
  /** Unique per test; put it in headlines and emails. */
  uid: string;
  /** A new browser context signed in as the role (or as any credentials), closed after the test. */
  pageAs: (who: DemoRole | Credentials) => Promise<Page>;
  /** A new signed-out browser context: a reader. */
  anonymousPage: () => Promise<Page>;
  /** An API client signed in as the role, disposed after the test. */
  apiAs: (who: DemoRole | Credentials) => Promise<APIRequestContext>;
  /** An API client with no session. */
  anonymousApi: APIRequestContext;
  /** A story by the writer, in World, driven through the workflow to `status` by the API. */
  storyAt: (status: "DRAFT" | "SUBMITTED" | "APPROVED", headline?: string) => Promise<Article>;
};

const credentialsOf = (who: DemoRole | Credentials) => (typeof who === "string" ? demoCredentials(who) : who);

async function newContext(browser: Browser, baseURL: string | undefined, contexts: BrowserContext[]) {
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  return context;
}

export const test = base.extend<Fixtures>({
  uid: async ({}, use) => use(uniqueId()),

  pageAs: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (who) => {
      const context = await newContext(browser, baseURL, contexts);
      await signIn(context.request, credentialsOf(who));
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },

  anonymousPage: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => (await newContext(browser, baseURL, contexts)).newPage());
    await Promise.all(contexts.map((c) => c.close()));
  },

  apiAs: async ({ playwright, baseURL }, use) => {
    const clients: APIRequestContext[] = [];
    await use(async (who) => {
      const api = await playwright.request.newContext({ baseURL });
      clients.push(api);
      await signIn(api, credentialsOf(who));
      return api;
    });
    await Promise.all(clients.map((c) => c.dispose()));
  },

  anonymousApi: async ({ playwright, baseURL }, use) => {
    const api = await playwright.request.newContext({ baseURL });
    await use(api);
    await api.dispose();
  },

  storyAt: async ({ apiAs, uid }, use) => {
    await use(async (status, headline = `E2E story (${uid})`) => {
      const writer = await apiAs("writer");
      let article = await createStory(writer, { headline, section: "world", body: "<p>A story written for the access tests.</p>" });
      if (status === "DRAFT") return article;
      article = await transition(writer, article.id, "submit");
      if (status === "SUBMITTED") return article;
      return transition(await apiAs("adviser"), article.id, "approve");
    });
  },
});

export { expect };

/** The status badge beside the story's headline in the newsroom (e.g. "In review"). */
export function statusBadge(page: Page, label: string) {
  return page.getByRole("main").getByText(label, { exact: true });
}

/** The Workflow panel on a story page. */
export function workflow(page: Page) {
  return page.getByRole("complementary", { name: "Workflow" });
}

/** Flip the publication's review policy in Settings as the adviser (there is no API for it). */
export async function setReviewPolicy(page: Page, policy: "Adviser approves" | "Student editors publish") {
  await page.goto("/newsroom/settings");
  const radio = page.getByRole("radio", { name: policy });
  await radio.check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(radio).toBeChecked();
}

// ---------------------------------------------------------------------------------------------
// Planning: pitches and assignments, as people do them in the newsroom (planning.spec.ts,
// newsroom-to-print.spec.ts).
// ---------------------------------------------------------------------------------------------

export type PitchInput = { title: string; angle: string; section?: string; sources?: string };

/** As anyone on staff: send a pitch from /newsroom/pitches; expects the confirmation and an emptied form. */
export async function sendPitch(page: Page, pitch: PitchInput) {
  await page.goto("/newsroom/pitches");
  const form = page.getByRole("form", { name: "Pitch a story" });
  await form.getByLabel("Working headline", { exact: true }).fill(pitch.title);
  await form.getByLabel("Angle", { exact: true }).fill(pitch.angle);
  if (pitch.section) await form.getByLabel("Section", { exact: true }).selectOption({ label: pitch.section });
  if (pitch.sources) await form.getByLabel("Sources to contact", { exact: true }).fill(pitch.sources);
  await form.getByRole("button", { name: "Send pitch" }).click();
  await expect(form.getByRole("status")).toContainText(`Pitch sent: “${pitch.title}”`);
  await expect(form.getByLabel("Working headline", { exact: true })).toHaveValue("");
}

/** As an editor or adviser: open "Assign a story" for the pitch titled `title`, prefilled from it. */
export async function openAssignForm(page: Page, title: string): Promise<Locator> {
  await page.goto("/newsroom/pitches");
  await page.getByRole("article", { name: title }).getByRole("link", { name: `Turn “${title}” into an assignment` }).click();
  await expect(page).toHaveURL(/\?assign=/);
  const form = page.getByRole("form", { name: "Assign a story" });
  await expect(form.getByLabel("Headline", { exact: true })).toHaveValue(title);
  return form;
}

/** Fill what is given in the open assignment form and create it; expects the confirmation. */
export async function completeAssignment(page: Page, form: Locator, a: { headline: string; writer: string; deadline: string; targetWords?: number }) {
  await form.getByLabel("Headline", { exact: true }).fill(a.headline);
  if (a.targetWords) await form.getByLabel("Target length (words)", { exact: true }).fill(String(a.targetWords));
  await form.getByLabel("Lead writer", { exact: true }).selectOption({ label: a.writer });
  await form.getByLabel("Deadline", { exact: true }).fill(a.deadline);
  await form.getByRole("button", { name: "Create assignment" }).click();
  await expect(page).toHaveURL(/\/newsroom\/pitches\?assigned=[a-z0-9]+$/);
  await expect(page.getByRole("status").filter({ hasText: "Assignment created" })).toContainText(a.headline);
}

/** The row for `headline` in the signed-in writer's "Your assignments" (/newsroom/pitches). */
export async function assignmentRow(page: Page, headline: string): Promise<Locator> {
  await page.goto("/newsroom/pitches");
  return page.getByRole("region", { name: "Your assignments" }).getByRole("row").filter({ hasText: headline });
}

/** As the assigned writer: open the draft from "Your assignments"; returns its newsroom path. */
export async function openAssignedDraft(page: Page, headline: string): Promise<string> {
  const row = await assignmentRow(page, headline);
  await row.getByRole("link", { name: headline, exact: true }).click();
  await expect(page).toHaveURL(/\/newsroom\/articles\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  return new URL(page.url()).pathname;
}

/**
 * In the open story editor: fill the dek (when given), type the paragraphs into the body, save,
 * and submit the story for review.
 */
export async function writeAndSubmit(page: Page, { paragraphs, dek }: { paragraphs: string[]; dek?: string }) {
  if (dek !== undefined) await page.getByLabel("Dek (summary under the headline)", { exact: true }).fill(dek);
  const body = page.getByTestId("story-body");
  await expect(body).toHaveAttribute("contenteditable", "true");
  await body.click();
  for (const [i, paragraph] of paragraphs.entries()) {
    if (i > 0) await page.keyboard.press("Enter");
    await page.keyboard.type(paragraph);
  }
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved \d\d:\d\d$/);
  await workflow(page).getByRole("button", { name: "Submit for review" }).click();
  await expect(statusBadge(page, "In review")).toBeVisible();
}

// ---------------------------------------------------------------------------------------------
// Volumes and mastheads.
// ---------------------------------------------------------------------------------------------

/**
 * The demo's volumes (prisma/seed.ts, prisma/demo/calendar.ts), as the seed made them today:
 * Volume 14 is the current school year (the public staff page), Volume 13 the year before.
 */
export const DEMO_VOLUME = demoVolume(DEMO_CURRENT_VOLUME);
export const DEMO_PAST_VOLUME = demoVolume(DEMO_CURRENT_VOLUME - 1);
/** Volume 13's editor-in-chief, who graduated when that year ended. */
export const DEMO_GRADUATE = demoGraduate();

/** As an editor or adviser: put a person on a volume's masthead in the newsroom. */
export async function addToMasthead(page: Page, { volume, person, position }: { volume: number; person: string; position: string }) {
  await page.goto(`/newsroom/issues/masthead/${volume}`);
  const form = page.getByRole("form", { name: "Add to the masthead" });
  await form.getByLabel("Person", { exact: true }).selectOption({ label: person });
  await form.getByLabel("Position", { exact: true }).fill(position);
  await form.getByRole("button", { name: "Add to masthead" }).click();
  await expect(form.getByRole("status")).toHaveText(`Added ${person} as ${position}.`);
}
