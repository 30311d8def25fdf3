import { E2E_SECOND_URL } from "../playwright.pg.config";
import { createStory, demoCredentials, expect, signIn, test } from "./fixtures";
import { getArticle, openStory, patchStory, SAVED, saveStatus, serverText, storyBody, typeNewParagraph } from "./never-lose-a-word.fixtures";

/**
 * Two app instances on one PostgreSQL database (playwright.pg.config.ts): the first on the
 * specs' baseURL, the second on E2E_SECOND_URL. Whatever one instance acknowledges, the other
 * reads at once, and a save from a stale version is refused whichever instance it reaches.
 */

test("a save on one instance is what the other reads, and a stale save is refused on either", async ({ apiAs, browser, playwright, uid }) => {
  const writerOnFirst = await apiAs("writer");
  const adviserOnSecond = await playwright.request.newContext({ baseURL: E2E_SECOND_URL });
  try {
    await signIn(adviserOnSecond, demoCredentials("adviser"));
    const story = await createStory(writerOnFirst, { headline: `Two servers (${uid})`, section: "world", body: "<p>Filed on the first server.</p>" });

    // Created and saved on the first, read on the second: the same text and version.
    const firstLine = `Saved on the first server (${uid}).`;
    const saved = await patchStory(writerOnFirst, story.id, { body: `<p>Filed on the first server.</p><p>${firstLine}</p>`, version: story.version });
    expect(saved.version).toBe(story.version + 1);
    const read = await getArticle(adviserOnSecond, story.id);
    expect(read.version).toBe(saved.version);
    expect(await serverText(adviserOnSecond, story.id)).toContain(firstLine);

    // The second server refuses a save from the version the first has moved past.
    const stale = await adviserOnSecond.patch(`/api/v1/articles/${story.id}`, { data: { body: "<p>From an old copy.</p>", version: story.version } });
    expect(stale.status(), await stale.text()).toBe(409);
    expect(await serverText(writerOnFirst, story.id)).not.toContain("From an old copy.");

    // In the browser on the second server: the adviser's save is read back on the first.
    const context = await browser.newContext({ baseURL: E2E_SECOND_URL });
    try {
      await signIn(context.request, demoCredentials("adviser"));
      const page = await context.newPage();
      await openStory(page, story.id);
      await expect(storyBody(page)).toContainText(firstLine);
      const secondLine = `Saved on the second server (${uid}).`;
      await typeNewParagraph(page, secondLine);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(saveStatus(page)).toHaveText(SAVED);
      const afterBrowser = await getArticle(writerOnFirst, story.id);
      expect(afterBrowser.version).toBe(saved.version + 1);
      expect(await serverText(writerOnFirst, story.id)).toContain(secondLine);

      // The writer saves again on the first; the adviser's page on the second now holds an old
      // version, and its next save gets the conflict view instead of overwriting.
      const writersLine = `The writer's newer line (${uid}).`;
      await patchStory(writerOnFirst, story.id, { body: `${afterBrowser.body}<p>${writersLine}</p>`, version: afterBrowser.version });
      await typeNewParagraph(page, `The adviser's late line (${uid}).`);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByTestId("conflict-view")).toBeVisible();
      await expect(page.getByTestId("conflict-theirs")).toContainText(writersLine);
      expect(await serverText(writerOnFirst, story.id)).toContain(writersLine);
    } finally {
      await context.close();
    }
  } finally {
    await adviserOnSecond.dispose();
  }
});
