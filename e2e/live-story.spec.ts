import type { APIRequestContext, Page } from "@playwright/test";
import { type Article, expect, publishStory, readAleppo, setReviewPolicy, test, transition } from "./fixtures";

/**
 * Issue 11: a published story keeps its live text. The adviser's edit of the Aleppo story is a
 * working copy that the public page, the feed and search never show until "Publish changes";
 * "Discard changes" drops it; a student editor under ADVISER_APPROVES edits and asks, but cannot
 * publish the changes (no button, 403 through the API). The story is put back as it was at the
 * end, for the specs that read it after this one.
 */
const ALEPPO_SLUG = "syrian-insurgents-enter-aleppo";
const ALEPPO_PATH = `/articles/${ALEPPO_SLUG}`;
/** How long a published change may take to reach readers (the reader cache lives 1 s). */
const FRESH_MS = 15_000;
/** The wait that shows a working copy did NOT reach readers: longer than the 3.5 s the bug took. */
const HELD_MS = 5_000;

type ApiArticle = Article & { dek: string; pendingChanges: boolean; leadImage: { id: string; caption: string } | null; live?: { headline: string; dek: string; body: string } };

async function findAleppo(api: APIRequestContext): Promise<ApiArticle> {
  const res = await api.get("/api/v1/articles?status=PUBLISHED");
  expect(res.status()).toBe(200);
  const found = ((await res.json()) as { articles: ApiArticle[] }).articles.find((a) => a.slug === ALEPPO_SLUG);
  expect(found, "the demo's Aleppo story").toBeDefined();
  return found!;
}

async function getArticle(api: APIRequestContext, id: string): Promise<ApiArticle> {
  const res = await api.get(`/api/v1/articles/${id}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { article: ApiArticle }).article;
}

/** What a reader gets, over HTTP as a crawler reads: the story page, the feed's entry for it, and search for `word`. */
async function readerSees(anonymousApi: APIRequestContext, word: string, oldWords: string) {
  const text = async (path: string) => (await anonymousApi.get(path)).text();
  const [page, feed, search] = await Promise.all([text(ALEPPO_PATH), text("/feed.xml"), text(`/search?q=${word}`)]);
  const item = feed.split("<item>").find((entry) => entry.includes(`${ALEPPO_PATH}</link>`)) ?? "";
  return {
    page: page.includes(word),
    feed: item.includes(word),
    search: search.includes(`href="${ALEPPO_PATH}"`),
    // The live text is there all along (so the checks above look at the right story).
    pageHasLiveText: page.includes(oldWords),
    feedHasStory: item.includes(oldWords),
  };
}

/** The story page's JSON-LD dateModified: when the text readers see last changed. */
async function dateModified(anonymousApi: APIRequestContext): Promise<number> {
  const html = await (await anonymousApi.get(ALEPPO_PATH)).text();
  const found = /"dateModified":"([^"]+)"/.exec(html)?.[1];
  expect(found, "the page's dateModified").toBeDefined();
  return Date.parse(found!);
}

/** Type at the very end of the story's body (the last paragraph), as the adviser did. */
async function typeAtEnd(page: Page, text: string) {
  const body = page.getByTestId("story-body");
  await body.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(text);
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved /, { timeout: 15_000 });
}

/** Put the story's live text back as it was, through the API (a working copy, then publish_changes). */
async function putBack(api: APIRequestContext, original: ApiArticle) {
  const current = await getArticle(api, original.id);
  const res = await api.patch(`/api/v1/articles/${original.id}`, { data: { headline: original.headline, dek: original.dek, body: original.body, version: current.version } });
  expect(res.status(), await res.text()).toBe(200);
  if (((await res.json()) as { article: ApiArticle }).article.pendingChanges) await transition(api, original.id, "publish_changes");
  expect((await getArticle(api, original.id)).body).toBe(original.body);
}

test("the adviser's edit of the live Aleppo story reaches readers only with Publish changes; Discard changes brings the live text back", async ({ pageAs, apiAs, anonymousApi, uid }) => {
  test.setTimeout(120_000);
  const api = await apiAs("adviser");
  const original = await findAleppo(api);
  expect(original.pendingChanges).toBe(false);
  const lastParagraph = readAleppo().paragraphs.at(-1)!;
  const oldWords = lastParagraph.slice(0, 40);
  const word = `sev${uid}`;
  const typed = ` Hezbollah has lost ${word}`;

  const modifiedBefore = await dateModified(anonymousApi);
  const adviser = await pageAs("adviser");
  await adviser.goto(`/newsroom/articles/${original.id}`);
  await expect(adviser.getByTestId("live-story-note")).toBeVisible();
  await typeAtEnd(adviser, typed);

  // The editor says where the text stands, and what changed since publication.
  const banner = adviser.getByTestId("live-story-banner");
  await expect(banner.getByRole("heading")).toHaveText("You are editing the live story. Readers see the published version until you publish these changes.");
  await expect(banner.getByTestId("diff").locator("ins")).toContainText(word);
  await expect(banner.getByRole("button", { name: "Publish changes" })).toBeVisible();
  await expect(banner.getByRole("button", { name: "Discard changes" })).toBeVisible();
  const api1 = await getArticle(api, original.id);
  expect(api1.pendingChanges).toBe(true);
  expect(api1.body).toContain(word);
  expect(api1.live?.body).toBe(original.body);

  // Readers keep the live text: well past the 3.5 s the old editor took to leak a keystroke.
  const held = { page: false, feed: false, search: false, pageHasLiveText: true, feedHasStory: true };
  await adviser.waitForTimeout(HELD_MS);
  expect(await readerSees(anonymousApi, word, oldWords)).toEqual(held);
  expect(await dateModified(anonymousApi)).toBe(modifiedBefore);

  // Discard: the working copy goes, the editor shows the live text again.
  await banner.getByRole("button", { name: "Discard changes" }).click();
  await expect(adviser.getByTestId("live-story-note")).toBeVisible();
  await expect(adviser.getByTestId("live-story-banner")).toHaveCount(0);
  await expect(adviser.getByTestId("story-body")).not.toContainText(word);
  await expect(adviser.getByTestId("story-body")).toContainText(lastParagraph);
  expect(await getArticle(api, original.id)).toMatchObject({ pendingChanges: false, body: original.body });
  await expect(adviser.getByTestId("history")).toContainText("Unpublished changes discarded by Hana Park");

  // Typed again and published: readers see the new text within seconds.
  await typeAtEnd(adviser, typed);
  expect(await readerSees(anonymousApi, word, oldWords)).toEqual(held);
  await adviser.getByTestId("live-story-banner").getByRole("button", { name: "Publish changes" }).click();
  await expect(adviser.getByRole("status").filter({ hasText: "Published. Readers now see these changes." })).toBeVisible();
  await expect(adviser.getByTestId("live-story-banner")).toHaveCount(0);
  await expect.poll(() => readerSees(anonymousApi, word, oldWords), { timeout: FRESH_MS, intervals: [250, 500, 1000] }).toEqual({ ...held, page: true, feed: true, search: true });
  await expect(adviser.getByTestId("history")).toContainText("Updated by Hana Park");
  expect(await getArticle(api, original.id)).toMatchObject({ pendingChanges: false });

  // The story's Updated time is the publication of the changes.
  expect(await dateModified(anonymousApi)).toBeGreaterThan(modifiedBefore);

  await putBack(api, original);
  await expect.poll(async () => (await readerSees(anonymousApi, word, oldWords)).page, { timeout: FRESH_MS }).toBe(false);
});

test("a student editor under ADVISER_APPROVES edits the live story and asks for it to be published, but gets no Publish changes (and 403 through the API)", async ({
  pageAs,
  apiAs,
  anonymousApi,
  uid,
}) => {
  test.setTimeout(120_000);
  const adviserPage = await pageAs("adviser");
  await setReviewPolicy(adviserPage, "Adviser approves");
  const adviserApi = await apiAs("adviser");
  const editorApi = await apiAs("editor");
  const original = await findAleppo(adviserApi);
  const word = `fix${uid}`;

  const editor = await pageAs("editor");
  await editor.goto(`/newsroom/articles/${original.id}`);
  await typeAtEnd(editor, ` ${word}`);
  const banner = editor.getByTestId("live-story-banner");
  await expect(banner.getByRole("heading")).toContainText("You are editing the live story.");
  await expect(banner.getByRole("button", { name: "Publish changes" })).toHaveCount(0);
  await expect(banner.getByRole("button", { name: "Discard changes" })).toHaveCount(0);
  await expect(editor.getByRole("button", { name: "Publish changes" })).toHaveCount(0);

  // Through the API: refused, and nothing reaches readers.
  for (const action of ["publish_changes", "discard_changes"]) {
    const res = await editorApi.post(`/api/v1/articles/${original.id}/transitions`, { data: { action } });
    expect(res.status(), action).toBe(403);
  }
  expect((await (await anonymousApi.get(ALEPPO_PATH)).text()).includes(word)).toBe(false);

  // Asking tells the people who may publish.
  await banner.getByRole("button", { name: "Ask to publish these changes" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "Asked. The people who may publish this story have been told." })).toBeVisible();
  await expect(editor.getByTestId("history")).toContainText("Publishing these changes asked for by Minji Kim");
  await adviserPage.goto("/newsroom/notifications");
  await expect(adviserPage.getByRole("main")).toContainText(`asks to publish changes to “${original.headline}”`);

  // The adviser sees the editor's working copy and the buttons; she discards it to leave the story as it was.
  await adviserPage.goto(`/newsroom/articles/${original.id}`);
  const adviserBanner = adviserPage.getByTestId("live-story-banner");
  await expect(adviserBanner.getByTestId("diff").locator("ins")).toContainText(word);
  await adviserBanner.getByRole("button", { name: "Discard changes" }).click();
  await expect(adviserPage.getByTestId("live-story-banner")).toHaveCount(0);
  expect(await getArticle(adviserApi, original.id)).toMatchObject({ pendingChanges: false, body: original.body });
  expect((await (await anonymousApi.get(ALEPPO_PATH)).text()).includes(word)).toBe(false);
});

test("a live story's tags wait in the working copy: the banner shows them changed, readers get them with Publish changes", async ({ pageAs, apiAs, anonymousPage, uid }) => {
  test.setTimeout(120_000);
  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  const story = await publishStory(writerApi, adviserApi, { headline: `Tagged later (${uid})`, section: "world", body: "<p>The council met on Monday.</p>" });
  const tag = `Council${uid}`;
  const tagLink = `/tags/${tag.toLowerCase()}`;
  const reader = await anonymousPage();
  const readerHasTag = async () => {
    await reader.goto(`/articles/${story.slug}`);
    return (await reader.locator(`a[href="${tagLink}"]`).count()) > 0;
  };

  const adviser = await pageAs("adviser");
  await adviser.goto(`/newsroom/articles/${story.id}`);
  await adviser.getByLabel("Tags").fill(tag);
  await adviser.getByLabel("Tags").blur();
  const banner = adviser.getByTestId("live-story-banner");
  await expect(banner.getByTestId("live-story-beside-changes")).toContainText(`Tags`);
  await expect(banner.getByTestId("live-story-beside-changes")).toContainText(`None → ${tag}`);
  const held = (await (await adviserApi.get(`/api/v1/articles/${story.id}`)).json()) as { article: Article & { tags: { name: string }[]; live?: { tags: { name: string }[] } } };
  expect(held.article).toMatchObject({ pendingChanges: true, tags: [{ name: tag }], live: { tags: [] } });
  expect(await readerHasTag()).toBe(false);
  // No reader page exists for the tag yet, and the missing page does not name it either.
  expect(await tagPage(reader, tagLink)).toEqual({ status: 404, namesTag: false, listsStory: false });

  await banner.getByRole("button", { name: "Publish changes" }).click();
  await expect(adviser.getByRole("status").filter({ hasText: "Published. Readers now see these changes." })).toBeVisible();
  await expect.poll(readerHasTag, { timeout: 15_000 }).toBe(true);
  await expect.poll(() => tagPage(reader, tagLink, story.headline), { timeout: 15_000 }).toEqual({ status: 200, namesTag: true, listsStory: true });
});

test("a tag typed into a live story and discarded never reaches readers", async ({ pageAs, apiAs, anonymousPage, uid }) => {
  test.setTimeout(120_000);
  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  const story = await publishStory(writerApi, adviserApi, { headline: `Tagged and untagged (${uid})`, section: "world", body: "<p>The board met on Tuesday.</p>" });
  const tag = `Board${uid}`;
  const tagLink = `/tags/${tag.toLowerCase()}`;
  const reader = await anonymousPage();

  const adviser = await pageAs("adviser");
  await adviser.goto(`/newsroom/articles/${story.id}`);
  await adviser.getByLabel("Tags").fill(tag);
  await adviser.getByLabel("Tags").blur();
  const banner = adviser.getByTestId("live-story-banner");
  await expect(banner.getByTestId("live-story-beside-changes")).toContainText(`None → ${tag}`);
  expect(await tagPage(reader, tagLink)).toEqual({ status: 404, namesTag: false, listsStory: false });

  await banner.getByRole("button", { name: "Discard changes" }).click();
  await expect(adviser.getByTestId("live-story-banner")).toHaveCount(0);
  await expect(adviser.getByLabel("Tags")).toHaveValue("");
  expect(await tagPage(reader, tagLink)).toEqual({ status: 404, namesTag: false, listsStory: false });
});

/** What a reader gets at a tag's page: its status, whether its title names the tag, and whether it lists `headline`. */
async function tagPage(reader: Page, tagLink: string, headline?: string) {
  const response = await reader.goto(tagLink);
  const tag = tagLink.split("/").pop()!;
  return {
    status: response?.status(),
    namesTag: (await reader.title()).toLowerCase().includes(tag),
    listsStory: headline !== undefined && (await reader.getByRole("link", { name: headline }).count()) > 0,
  };
}


test("the adviser's caption for the live Aleppo story's photo reaches readers only with Publish changes; the library keeps its caption", async ({ pageAs, apiAs, anonymousApi, uid }) => {
  test.setTimeout(120_000);
  const api = await apiAs("adviser");
  const original = await findAleppo(api);
  const photo = original.leadImage;
  expect(photo, "the demo's Aleppo map").not.toBeNull();
  const libraryCaption = photo!.caption;
  const caption = `The front line around Aleppo on the day the story ran (${uid})`;
  const figcaption = async () => /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/.exec(await (await anonymousApi.get(ALEPPO_PATH)).text())?.[1] ?? "";
  expect(await figcaption()).toContain(libraryCaption);

  const adviser = await pageAs("adviser");
  await adviser.goto(`/newsroom/articles/${original.id}`);
  const field = adviser.getByLabel("Caption for this story");
  await expect(field).toHaveValue("");
  await expect(field).toHaveAttribute("placeholder", libraryCaption);
  await field.fill(caption);
  await field.blur();
  await expect(adviser.getByTestId("save-status")).toHaveText(/^Saved /, { timeout: 15_000 });
  const banner = adviser.getByTestId("live-story-banner");
  await expect(banner.getByTestId("live-story-beside-changes")).toContainText(`Caption: ${caption}`);
  expect(await getArticle(api, original.id)).toMatchObject({ pendingChanges: true, leadImage: { caption }, live: { leadImage: { caption: libraryCaption } } });

  // Readers keep the live caption.
  await adviser.waitForTimeout(HELD_MS);
  expect(await figcaption()).toContain(libraryCaption);
  expect(await figcaption()).not.toContain(uid);

  await banner.getByRole("button", { name: "Publish changes" }).click();
  await expect(adviser.getByRole("status").filter({ hasText: "Published. Readers now see these changes." })).toBeVisible();
  await expect.poll(figcaption, { timeout: FRESH_MS, intervals: [250, 500, 1000] }).toContain(caption);
  // The photo's library caption, which other stories use, is as it was.
  const media = await api.get(`/api/v1/media/${photo!.id}`);
  expect(((await media.json()) as { media: { caption: string } }).media.caption).toBe(libraryCaption);

  // Put back: the library's caption again.
  const current = await getArticle(api, original.id);
  const res = await api.patch(`/api/v1/articles/${original.id}`, { data: { leadImageCaption: null, version: current.version } });
  expect(res.status(), await res.text()).toBe(200);
  await transition(api, original.id, "publish_changes");
  await expect.poll(figcaption, { timeout: FRESH_MS }).toContain(libraryCaption);
});
