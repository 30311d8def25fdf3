import { expect, test } from "./fixtures";

/**
 * Issue 11 item 2: a new story lives on the server from the first keystroke. There is no
 * "Create story" button: the first words create the draft, the address becomes the story's own
 * without losing the text or the focus, and autosave carries on. A story typed and abandoned is
 * on the writer's dashboard from any other browser; offline, the device keeps it until the
 * connection returns.
 */
const STORY_URL = /\/newsroom\/articles\/(?!new$)[a-z0-9]+$/;

test("a new story typed and abandoned without pressing anything is on the writer's dashboard in another browser", async ({ pageAs, uid }) => {
  const first = await pageAs("writer");
  await first.goto("/newsroom/articles/new");
  await expect(first.getByRole("button", { name: "Create story" })).toHaveCount(0);

  // The first keystroke in the body creates the story; typing goes on in the same place.
  const body = first.getByTestId("story-body");
  await body.click();
  await first.keyboard.type("The library");
  await expect(first).toHaveURL(STORY_URL);
  await first.keyboard.type(` stays open late for exams ${uid}.`);
  await expect(body).toHaveText(`The library stays open late for exams ${uid}.`);
  await expect(body).toBeFocused();
  const headline = `Late library ${uid}`;
  await first.getByLabel("Headline", { exact: true }).fill(headline);
  const id = new URL(first.url()).pathname.split("/").pop()!;
  await expect
    .poll(async () => ((await (await first.request.get(`/api/v1/articles/${id}`)).json()) as { article: { headline: string; body: string } }).article, { timeout: 15_000 })
    .toMatchObject({ headline, body: `<p>The library stays open late for exams ${uid}.</p>` });
  await expect(first.getByTestId("save-status")).toHaveText(/^Saved /);
  // Abandoned: the tab and its browser go, nothing pressed.
  await first.context().close();

  const second = await pageAs("writer");
  await second.goto("/newsroom");
  await second.getByRole("link", { name: headline, exact: true }).click();
  await expect(second).toHaveURL(`/newsroom/articles/${id}`);
  await expect(second.getByTestId("story-body")).toHaveText(`The library stays open late for exams ${uid}.`);
});

test("offline, the first words stay on the device and the story is created when the connection returns", async ({ pageAs, uid }) => {
  const page = await pageAs("writer");
  await page.goto("/newsroom/articles/new");
  await page.context().setOffline(true);
  const headline = `Offline start ${uid}`;
  await page.getByLabel("Headline", { exact: true }).fill(headline);
  await expect(page.getByTestId("save-status")).toHaveText("Offline — changes kept on this device");
  await expect(page).toHaveURL(/\/newsroom\/articles\/new$/);
  expect(await page.evaluate(() => localStorage.getItem("masthead:draft:new"))).toContain(headline);

  await page.context().setOffline(false);
  await expect(page).toHaveURL(STORY_URL, { timeout: 15_000 });
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved /);
  expect(await page.evaluate(() => localStorage.getItem("masthead:draft:new"))).toBeNull();
  await page.goto("/newsroom");
  await expect(page.getByRole("link", { name: headline, exact: true })).toBeVisible();
});
