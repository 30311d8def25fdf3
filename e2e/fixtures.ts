import { readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page, test as base } from "@playwright/test";

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
