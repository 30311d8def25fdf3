import type { Browser, Page } from "@playwright/test";
import sharp from "sharp";
import { createStory, expect, publishStory, test, transition, uploadMedia } from "./fixtures";

/**
 * The reader's paper, round two (issue #17): photos on every card, layouts that hold a 300-
 * character word on a phone, and reader pages that are whole without JavaScript and carry no
 * framework code.
 */

const ALEPPO_PATH = "/articles/syrian-insurgents-enter-aleppo";
/** Every kind of reader page the demo has (the error page is asked for on its own). */
const READER_PAGES = ["/", "/sections/news", "/sections/world", ALEPPO_PATH, "/tags/syria", "/authors/jaehoon-song", "/search?q=library", "/staff", "/issues", "/corrections"];

async function noScriptPage(browser: Browser, baseURL: string | undefined, width = 1280): Promise<Page> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width, height: 900 } });
  return context.newPage();
}

/** Every card photo on the page has alt text, a real size and responsive sources. */
async function expectCardPhotos(page: Page, selector: string, atLeast: number) {
  const photos = page.locator(selector);
  expect(await photos.count(), `${page.url()}: ${selector}`).toBeGreaterThanOrEqual(atLeast);
  for (const img of await photos.all()) {
    expect((await img.getAttribute("alt"))?.trim(), `alt on ${await img.getAttribute("src")}`).toBeTruthy();
    expect(Number(await img.getAttribute("width"))).toBeGreaterThan(0);
    expect(Number(await img.getAttribute("height"))).toBeGreaterThan(0);
    expect(await img.getAttribute("src")).toMatch(/^\/media\//);
    await expect(img.locator("xpath=..").locator("source[type='image/webp']")).toHaveAttribute("srcset", / 320w/);
  }
}

test("cards show photos with alt text on the front page, sections, tags, authors, search and related stories; only the lead's loads eagerly", async ({ anonymousPage, apiAs, uid }) => {
  test.slow(); // a photo through the real pipeline (AVIF renditions) on a shared machine
  // The newest story, so the front page's lead: a News story with a photo. Related stories are the
  // newest few sharing its tags or section (other specs publish photo-less News stories all run
  // long), so a companion News story with a photo is published just before it: a related card.
  const writer = await apiAs("writer");
  const adviser = await apiAs("adviser");
  const photo = await uploadMedia(writer, { name: `timetable-${uid}.png`, mimeType: "image/png", buffer: await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#2a6f97" } }).png().toBuffer() });
  expect((await adviser.patch(`/api/v1/media/${photo.id}`, { data: { alt: "The exam timetable pinned to the notice board" } })).status()).toBe(200);
  const companion = await createStory(writer, { headline: `Exam rooms announced (${uid})`, section: "news" });
  expect((await writer.patch(`/api/v1/articles/${companion.id}`, { data: { leadImageId: photo.id, version: companion.version } })).status()).toBe(200);
  await transition(writer, companion.id, "submit");
  await transition(adviser, companion.id, "approve");
  await transition(adviser, companion.id, "publish");
  const draft = await createStory(writer, { headline: `Exam timetable posted (${uid})`, section: "news" });
  expect((await writer.patch(`/api/v1/articles/${draft.id}`, { data: { leadImageId: photo.id, version: draft.version } })).status()).toBe(200);
  await transition(writer, draft.id, "submit");
  await transition(adviser, draft.id, "approve");
  const news = await transition(adviser, draft.id, "publish");
  const reader = await anonymousPage();
  await reader.goto("/");
  const lead = reader.getByTestId("lead-story").locator("img");
  await expect(lead).toHaveAttribute("alt", "The exam timetable pinned to the notice board");
  await expect(lead).toHaveAttribute("fetchpriority", "high");
  await expect(lead).toHaveAttribute("loading", "eager");
  await expectCardPhotos(reader, "main article img", 3);
  const lazy = await reader.locator("main article img[loading='lazy']").count();
  expect(lazy).toBe((await reader.locator("main article img").count()) - 1);
  // A text-only story (the opinion column) is a card without a photo, not a photo-shaped hole.
  const opinion = reader.locator("main article", { has: reader.getByRole("link", { name: "A later start to the school day would help us learn" }) }).first();
  await expect(opinion).toBeVisible();
  await expect(opinion.locator("img, picture")).toHaveCount(0);

  for (const path of ["/sections/news", "/tags/syria", "/authors/jaehoon-song"]) {
    await reader.goto(path);
    await expectCardPhotos(reader, "main article img", 1);
  }
  await reader.goto("/search?q=library");
  await expectCardPhotos(reader, "[data-testid='search-results'] img", 1);
  await reader.goto(`/articles/${news.slug}`);
  await expectCardPhotos(reader, "aside[aria-labelledby='related-heading'] img", 1);
});

test("a 300-character unbroken string in a dek and a URL in a headline leave every reader page and the dashboard 390 px wide", async ({ apiAs, pageAs, browser, baseURL, uid }) => {
  const writer = await apiAs("writer");
  const adviser = await apiAs("adviser");
  const word = `W${uid.replace(/[^a-z0-9]/gi, "")}`;
  const dek = `${word}${"x".repeat(300 - word.length)}`;
  expect(dek).toHaveLength(300);
  const story = await publishStory(writer, adviser, {
    headline: `Read https://example.org/${"very-long-path-segment".repeat(6)} ${word}`,
    dek,
    section: "news",
    body: `<p>${"y".repeat(300)} ${word}</p>`,
  });
  const tagged = await adviser.patch(`/api/v1/articles/${story.id}`, { data: { tags: ["Syria"], version: story.version } });
  expect(tagged.status(), await tagged.text()).toBe(200);

  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true });
  const phone = await context.newPage();
  for (const path of [...READER_PAGES, `/articles/${story.slug}`, `/search?q=${word}`, "/no-such-page"]) {
    await phone.goto(path);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is ${width} px wide at 390`).toBeLessThanOrEqual(390);
  }
  // Wrapped, not clipped: the dek is shown whole, inside the screen.
  await phone.goto(`/articles/${story.slug}`);
  const shown = await phone.getByText(dek).first().boundingBox();
  expect(shown && shown.x >= 0 && shown.x + shown.width <= 390, JSON.stringify(shown)).toBe(true);
  await context.close();

  // The newsroom too: its story tables become stacked cards, the long headline wraps.
  const editor = await pageAs("editor");
  await editor.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/newsroom", "/newsroom/budget", "/newsroom/audit"]) {
    await editor.goto(path);
    const width = await editor.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is ${width} px wide at 390`).toBeLessThanOrEqual(390);
  }
  await editor.goto("/newsroom");
  const row = editor.locator("tbody tr", { hasText: word }).first();
  await expect(row.locator("td[data-label='Status']")).toBeVisible();
  await expect(row.locator("td[data-label='Updated']")).toBeVisible();
});

test("every reader page is whole with JavaScript off: content, links, and the search form", async ({ browser, baseURL }) => {
  const reader = await noScriptPage(browser, baseURL);
  for (const path of READER_PAGES) {
    const response = await reader.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(reader.locator("main h1").first(), path).toBeVisible();
    // Sections, search and the footer's links at least (/corrections may list none of its own).
    expect(await reader.locator("a[href]").count(), path).toBeGreaterThan(8);
  }
  // Links: from the front page to a story and on to its section.
  await reader.goto("/");
  await reader.getByTestId("lead-story").getByRole("heading").getByRole("link").click();
  await expect(reader).toHaveURL(/\/articles\//);
  await expect(reader.locator("main h1")).toBeVisible();
  await reader.goto(ALEPPO_PATH);
  await reader.locator("main article").getByRole("link", { name: "World", exact: true }).first().click();
  await expect(reader).toHaveURL(/\/sections\/world$/);
  await expect(reader.getByRole("heading", { level: 1, name: "World" })).toBeVisible();
  // Search is a plain GET form.
  await reader.goto("/search");
  await reader.getByLabel("Search stories").fill("library");
  await reader.getByRole("button", { name: "Search" }).click();
  await expect(reader).toHaveURL(/\/search\?q=library$/);
  await expect(reader.getByTestId("search-results").getByRole("link", { name: "Library extends hours for exam season" })).toBeVisible();
  // The error page too.
  const missing = await reader.goto("/articles/no-such-story");
  expect(missing?.status()).toBe(404);
  await expect(reader.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await reader.getByRole("link", { name: "Go to the front page" }).click();
  await expect(reader.getByTestId("lead-story")).toBeVisible();
  await reader.context().close();
});

test("reader pages carry no framework bundle: no Next chunk, no flight data, no inline script, and a CSP without 'unsafe-inline' for scripts", async ({ anonymousApi, browser, baseURL }) => {
  for (const path of [...READER_PAGES, "/no-such-page"]) {
    const response = await anonymousApi.get(path);
    const html = await response.text();
    // The stylesheet stays (Turbopack puts it under /_next/static/chunks/ too); no script does.
    expect(html, path).not.toMatch(/\/_next\/static\/[^"']+\.js/);
    expect(html, path).not.toContain("__next_f");
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    expect(
      scripts.filter((s) => !/type="application\/ld\+json"/.test(s)),
      path,
    ).toEqual([]);
    expect(response.headers()["content-security-policy"], path).toMatch(/script-src 'self';/);
  }
  // And in a browser: nothing of Next's is ever requested.
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  for (const path of ["/", ALEPPO_PATH, "/search?q=aleppo"]) await page.goto(path);
  expect(requested.filter((u) => u.endsWith(".js"))).toEqual([]);
  await context.close();
});
