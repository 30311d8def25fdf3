import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { type Article, expect, test, transition } from "./fixtures";

/**
 * Word and LibreOffice content coming in whole (issue 13, items 10–14): real clipboard HTML
 * pasted into the editor in Chromium, and a real LibreOffice .docx imported, then checked in
 * the stored story and on the reader site, on a desktop and a phone.
 */

const fixtures = path.join(process.cwd(), "lib/editor/fixtures");
const clipboard = (name: string) => readFileSync(path.join(fixtures, "clipboard", name), "utf8");

/** A paste as the browser delivers it: a ClipboardEvent whose DataTransfer holds text/html (and text/plain). */
async function pasteHtml(page: Page, html: string) {
  await page.getByTestId("story-body").evaluate((el, h) => {
    const data = new DataTransfer();
    data.setData("text/html", h);
    data.setData("text/plain", new DOMParser().parseFromString(h, "text/html").body.textContent ?? "");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

/** The story as the server has it once autosave has caught up (a new story exists from its first keystroke). */
async function createAndRead(page: Page, api: APIRequestContext): Promise<Article> {
  await page.waitForURL((url) => /^\/newsroom\/articles\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
  const id = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByTestId("story-body").blur();
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved /, { timeout: 15_000 });
  const res = await api.get(`/api/v1/articles/${id}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { article: Article }).article;
}

async function publish(writer: APIRequestContext, adviser: APIRequestContext, id: string) {
  await transition(writer, id, "submit");
  await transition(adviser, id, "approve");
  expect((await transition(adviser, id, "publish")).status).toBe("PUBLISHED");
}

test("a Word list and a Word table pasted from the clipboard are stored as real lists and a table, and read that way", async ({ pageAs, apiAs, anonymousPage, uid }) => {
  test.setTimeout(120_000);
  const page = await pageAs("writer");
  await page.goto("/newsroom/articles/new");
  await page.getByLabel("Headline", { exact: true }).fill(`Pasted from Word (${uid})`);

  const body = page.getByTestId("story-body");
  await body.click();
  await page.keyboard.type("Before the table.");
  await page.keyboard.press("Enter");
  await pasteHtml(page, clipboard("word-table.html"));
  await expect(body.locator("table tr")).toHaveCount(4);
  // Every cell keeps its text, the first row too.
  await expect(body.locator("table tr").first().locator("td")).toHaveText(["Project Phase", "Deadline", "Status"]);

  // The list goes in an empty paragraph after the first line.
  await body.getByText("Before the table.").click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await pasteHtml(page, clipboard("word-nested-mixed-list.chrome.html"));
  // In the editor: nested lists, no typed bullets.
  await expect(body.locator("ul > li > ol > li > ul > li")).toHaveText("C4");
  await expect(body).not.toContainText("·");

  // Table tools appear inside the table, and add a row.
  await body.locator("table td").first().click();
  await page.getByRole("button", { name: "Add row" }).click();
  await expect(body.locator("table tr")).toHaveCount(5);
  await body.locator("table tr").nth(1).locator("td").first().click();
  await page.getByRole("button", { name: "Remove row" }).click();
  await expect(body.locator("table tr")).toHaveCount(4);

  const writer = await apiAs("writer");
  const story = await createAndRead(page, writer);
  expect(story.body).toContain(
    '<ul><li><p>A1</p><ol><li><p>B2</p><ul><li><p>C4</p></li></ul><ol start="2"><li><p>D3</p></li></ol></li></ol></li><li><p>E1</p><ol><li><p>F2</p></li></ol></li></ul>',
  );
  expect(story.body).toContain('<div class="table-scroll" role="region" tabindex="0" aria-label="Table"><table><tbody><tr><td><p><strong>Project Phase</strong></p></td>');
  expect(story.body).not.toMatch(/&nbsp;|·|mso-|class="Mso/);

  await publish(writer, await apiAs("adviser"), story.id);
  const reader = await anonymousPage();
  await reader.goto(`/articles/${story.slug}`);
  const article = reader.locator(".prose-story");
  await expect(article.locator("ul > li > ol > li > ol > li")).toHaveText("D3");
  await expect(article.getByRole("region", { name: "Table" }).locator("tr")).toHaveCount(4);
  await expect(article.getByRole("cell", { name: "Phase 3: Rollout to Production" })).toBeVisible();
  await reader.screenshot({ path: test.info().outputPath("pasted-1280.png"), fullPage: true });

  // On a phone the table scrolls inside its own box; the page does not get wider.
  await reader.setViewportSize({ width: 390, height: 844 });
  await reader.reload();
  const region = reader.locator(".prose-story").getByRole("region", { name: "Table" });
  await expect(region).toBeVisible();
  const widths = await reader.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
  const box = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
  expect(box.overflow).toBe("auto");
  expect(box.client).toBeLessThanOrEqual(390);
  await reader.screenshot({ path: test.info().outputPath("pasted-390.png"), fullPage: true });
});

test("a LibreOffice .docx with a table, Heading 1–6, footnotes and a table of contents imports with its warnings, and its notes link both ways for readers", async ({ pageAs, apiAs, anonymousPage, uid }) => {
  test.setTimeout(120_000);
  const page = await pageAs("writer");
  await page.goto("/newsroom/articles/new");
  await page.getByLabel("Headline", { exact: true }).fill(`Election night (${uid})`);
  await page.locator('input[type="file"][accept*=".docx"]').setInputFiles({
    name: `election-${uid}.docx`,
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: readFileSync(path.join(fixtures, "docx", "libreoffice-election-night.docx")),
  });

  // What could not be kept is said, next to the import.
  await expect(page.getByText(/Imported\. Check the text, then save\./)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/A table inside a table cell lost its grid/)).toBeVisible();
  await expect(page.getByText(/Heading 2, Heading 3, Heading 4, Heading 5 and Heading 6 all became small subheadings/)).toBeVisible();
  await expect(page.getByText(/A photo inside a table was placed after the table/)).toBeVisible();
  const body = page.getByTestId("story-body");
  await expect(body.locator("table").first().locator("th")).toHaveText(["Candidate", "Votes", "Share"]);
  await page.screenshot({ path: test.info().outputPath("imported-editor-1280.png"), fullPage: true });

  const writer = await apiAs("writer");
  const story = await createAndRead(page, writer);
  expect(story.body).toContain('<td colspan="2"><p>Spoilt ballots</p></td>');
  expect(story.body).toContain("<h2>Election night</h2>");
  expect(story.body).toContain("<h3>Smallest heading</h3>");
  expect(story.body).toContain('<p>Contents: the results</p><p>Contents: turnout</p>');
  expect(story.body).toContain('<a rel="noopener noreferrer nofollow" href="#story-note-1" id="story-note-ref-1">[1]</a>');
  expect(story.body).toContain("<h2>Notes</h2>");

  await publish(writer, await apiAs("adviser"), story.id);
  const reader = await anonymousPage();
  await reader.goto(`/articles/${story.slug}`);
  const article = reader.locator(".prose-story");
  // The table of contents is plain text now: no link points nowhere.
  await expect(article.getByText("Contents: the results")).toBeVisible();
  await expect(article.getByRole("link", { name: "Contents: the results" })).toHaveCount(0);
  for (const href of await article.locator('a[href^="#"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
    expect(await reader.locator(href).count(), href).toBe(1);
  }
  // A reference jumps to its note, and the note's arrow jumps back.
  await article.getByRole("link", { name: "[2]" }).click();
  await expect(reader).toHaveURL(/#story-note-2$/);
  await expect(reader.locator("#story-note-2")).toBeInViewport();
  await expect(article.getByRole("listitem").filter({ hasText: "Figures from the returning officer." })).toBeVisible();
  await reader.locator("#story-note-2").click();
  await expect(reader).toHaveURL(/#story-note-ref-2$/);
  await expect(reader.locator("#story-note-ref-2")).toBeInViewport();
  await reader.screenshot({ path: test.info().outputPath("imported-reader-1280.png"), fullPage: true });
  await reader.setViewportSize({ width: 390, height: 844 });
  await reader.reload();
  const widths = await reader.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
  await reader.screenshot({ path: test.info().outputPath("imported-reader-390.png"), fullPage: true });
});

test("a paste that cannot keep everything says what changed, beside the editor, and a clean paste says nothing", async ({ pageAs, uid }) => {
  test.setTimeout(90_000);
  const page = await pageAs("writer");
  await page.goto("/newsroom/articles/new");
  await page.getByLabel("Headline", { exact: true }).fill(`Pasted from LibreOffice (${uid})`);
  const body = page.getByTestId("story-body");
  await body.click();

  // A real LibreOffice clipboard capture: a table inside a table cell, and Heading 1 to 6.
  await pasteHtml(page, clipboard("libreoffice-election-night.html"));
  const warnings = page.getByTestId("paste-warnings");
  await expect(warnings).toBeVisible();
  await expect(warnings).toContainText("Pasted. Not kept as it was:");
  await expect(warnings).toContainText("A table inside a table cell lost its grid");
  await expect(warnings).toContainText("Heading 2, Heading 3, Heading 4, Heading 5 and Heading 6 all became small subheadings");
  // The text itself went in.
  await expect(body.locator("table").first()).toBeVisible();
  // The paste scrolled the page to its end; the notice stays in sight above the text.
  await expect(warnings).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath("paste-warnings-1280.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(warnings).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath("paste-warnings-390.png") });

  await warnings.getByRole("button", { name: "Dismiss" }).click();
  await expect(warnings).toHaveCount(0);

  // A Word list keeps everything: no notice.
  await page.getByLabel("Headline", { exact: true }).click();
  await page.goto("/newsroom/articles/new");
  await page.getByLabel("Headline", { exact: true }).fill(`Pasted from Word (${uid})`);
  await body.click();
  await pasteHtml(page, clipboard("word-nested-mixed-list.chrome.html"));
  await expect(body.locator("ul > li > ol > li > ul > li")).toHaveText("C4");
  await expect(warnings).toHaveCount(0);
});
