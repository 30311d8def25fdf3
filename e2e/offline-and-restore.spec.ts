import type { BrowserContext, Page } from "@playwright/test";
import { createStory, expect, test } from "./fixtures";
import { listRevisions, openStory, patchStory, SAVED, saveStatus, serverText, storyBody, typeNewParagraph } from "./never-lose-a-word.fixtures";

/**
 * Words typed without a connection, or left behind by a closed tab, stay on the device
 * (localStorage) until the server has acknowledged them, and reach the server afterwards.
 */

const OFFLINE = "Offline — changes kept on this device";

/**
 * The connection goes down for the whole browser context, before a tab is closed offline.
 * Offline emulation alone can let the save a closing tab makes slip out (the page's emulation
 * ends with the page), so the story API is also refused at the context until `reconnect`.
 */
async function cutOff(context: BrowserContext) {
  await context.setOffline(true);
  await context.route("**/api/v1/articles/**", (route) => route.abort("internetdisconnected"));
}

async function reconnect(context: BrowserContext) {
  await context.unrouteAll({ behavior: "ignoreErrors" });
  await context.setOffline(false);
}

/** The unsaved edits this browser keeps for a story, or null. */
function localDraft(page: Page, articleId: string) {
  return page.evaluate((key) => window.localStorage.getItem(key), `masthead:draft:${articleId}`);
}

test("text typed offline is kept on the device and saved when the connection returns", async ({ pageAs, apiAs, uid }) => {
  const api = await apiAs("writer");
  const story = await createStory(api, { headline: `Train strike (${uid})`, section: "world", body: "<p>Rail workers walked out on Monday.</p>" });
  const line = `Typed on the train with no signal (${uid}).`;
  const page = await pageAs("writer");
  await openStory(page, story.id);

  await page.context().setOffline(true);
  await typeNewParagraph(page, line);
  await expect(saveStatus(page)).toHaveText(OFFLINE);
  await page.getByRole("button", { name: "Save", exact: true }).click(); // a manual save cannot land either
  await expect(saveStatus(page)).toHaveText(OFFLINE);
  expect(await localDraft(page, story.id)).toContain(line);
  expect(await serverText(api, story.id)).not.toContain(line);

  await page.context().setOffline(false);
  await expect(saveStatus(page)).toHaveText(SAVED);
  expect(await serverText(api, story.id)).toContain(line);
  // Acknowledged, so the device copy is gone.
  await expect.poll(() => localDraft(page, story.id)).toBeNull();
});

test("edits left in a tab closed offline are offered back when the story is reopened, and saved", async ({ pageAs, apiAs, uid }) => {
  const api = await apiAs("writer");
  const story = await createStory(api, { headline: `Closed tab (${uid})`, section: "world", body: "<p>The first paragraph was saved.</p>" });
  const line = `This paragraph was typed just before the tab closed (${uid}).`;
  const first = await pageAs("writer");
  const context = first.context();
  await openStory(first, story.id);

  // Offline, so neither the autosave nor the save on hiding the page can reach the server.
  await cutOff(context);
  await typeNewParagraph(first, line);
  await expect(saveStatus(first)).toHaveText(OFFLINE);
  await first.close();
  await reconnect(context);
  expect(await serverText(api, story.id)).not.toContain(line);

  const again = await context.newPage();
  await openStory(again, story.id);
  const prompt = again.getByRole("alert").filter({ has: again.getByRole("button", { name: "Restore them" }) });
  await expect(prompt).toBeVisible();
  await expect(prompt).toHaveAttribute("data-testid", "restore-prompt");
  await expect(prompt).toContainText("Unsaved changes from");
  await expect(storyBody(again)).not.toContainText(line); // the editor shows the server's copy until asked

  await prompt.getByRole("button", { name: "Restore them" }).click();
  await expect(prompt).toBeHidden();
  await expect(storyBody(again)).toContainText(line);
  await expect(storyBody(again)).toContainText("The first paragraph was saved.");
  await expect(saveStatus(again)).toHaveText(SAVED);
  expect(await serverText(api, story.id)).toContain(line);
  await expect.poll(() => localDraft(again, story.id)).toBeNull();

  // Reopening once more: nothing left to restore.
  await again.reload();
  await expect(storyBody(again)).toContainText(line);
  await expect(again.getByTestId("restore-prompt")).toBeHidden();
});

test("restoring edits based on a version someone has since replaced opens the conflict view instead of overwriting", async ({ pageAs, apiAs, uid }) => {
  const api = await apiAs("writer");
  const story = await createStory(api, { headline: `Stale restore (${uid})`, section: "world", body: "<p>The match ended in a draw.</p>" });
  const line = `The writer's paragraph, typed offline (${uid}).`;
  const advisersBody = `<p>The match ended in a two-all draw, the adviser corrected (${uid}).</p>`;
  const first = await pageAs("writer");
  const context = first.context();
  await openStory(first, story.id);
  await cutOff(context);
  await typeNewParagraph(first, line);
  await expect(saveStatus(first)).toHaveText(OFFLINE);
  await first.close();
  await reconnect(context);

  // Meanwhile the adviser saves version 2.
  await patchStory(await apiAs("adviser"), story.id, { body: advisersBody, version: story.version });

  const again = await context.newPage();
  await openStory(again, story.id);
  await expect(storyBody(again)).toContainText("the adviser corrected");
  await again.getByTestId("restore-prompt").getByRole("button", { name: "Restore them" }).click();
  const conflict = again.getByTestId("conflict-view");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId("conflict-mine")).toContainText(line);
  await expect(conflict.getByTestId("conflict-theirs")).toContainText("the adviser corrected");
  expect(await serverText(api, story.id)).toContain("the adviser corrected");
  expect(await serverText(api, story.id)).not.toContain(line);
  expect((await listRevisions(api, story.id)).find((r) => r.event === "conflict")?.text).toContain(line);

  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(saveStatus(again)).toHaveText(SAVED);
  expect(await serverText(api, story.id)).toContain(line);
  await expect.poll(() => localDraft(again, story.id)).toBeNull();
});

test("“Discard” drops the edits kept on the device and leaves the server's text alone", async ({ pageAs, apiAs, uid }) => {
  const api = await apiAs("writer");
  const story = await createStory(api, { headline: `Discarded edit (${uid})`, section: "world", body: "<p>Only this was meant to be saved.</p>" });
  const line = `A false start the writer throws away (${uid}).`;
  const first = await pageAs("writer");
  const context = first.context();
  await openStory(first, story.id);
  await cutOff(context);
  await typeNewParagraph(first, line);
  await expect(saveStatus(first)).toHaveText(OFFLINE);
  await first.close();
  await reconnect(context);

  const again = await context.newPage();
  await openStory(again, story.id);
  await again.getByTestId("restore-prompt").getByRole("button", { name: "Discard" }).click();
  await expect(again.getByTestId("restore-prompt")).toBeHidden();
  expect(await localDraft(again, story.id)).toBeNull();
  await again.reload();
  await expect(storyBody(again)).toHaveText("Only this was meant to be saved.");
  await expect(again.getByTestId("restore-prompt")).toBeHidden();
  expect(await serverText(api, story.id)).not.toContain(line);
});
