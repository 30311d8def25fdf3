import type { APIRequestContext, Page } from "@playwright/test";
import { createStory, expect, publishStory, readAleppo, statusBadge, test, toHtml, transition, USERS, workflow } from "./fixtures";
import { openStory, SAVED, saveStatus, selectInStory, serverText, storyBody } from "./never-lose-a-word.fixtures";

/**
 * Suggestion mode, as the test describes it: the adviser suggests three changes to the
 * published Aleppo story (an insertion, a deletion and a replacement), the writer accepts two
 * and rejects one in another browser, the text comes out exactly right, the history shows the
 * decisions, and readers never see a suggestion. The story is live, so all of it happens in its
 * working copy: readers get the chosen text with "Publish changes".
 */

type Suggestion = { id: string; kind: string; text: string; author: { id: string | null; name: string | null }; createdAt: string };

async function listSuggestions(api: APIRequestContext, id: string): Promise<Suggestion[]> {
  const res = await api.get(`/api/v1/articles/${id}/suggestions`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { suggestions: Suggestion[] }).suggestions;
}

function suggestionsPanel(page: Page) {
  return page.getByTestId("suggestions");
}

async function startSuggesting(page: Page) {
  const mode = page.getByRole("group", { name: "Editing mode" });
  await expect(mode.getByRole("button", { name: "Editing" })).toHaveAttribute("aria-pressed", "true");
  // Keyboard: the switch is two ordinary buttons.
  await mode.getByRole("button", { name: "Suggesting" }).focus();
  await page.keyboard.press("Enter");
  await expect(mode.getByRole("button", { name: "Suggesting" })).toHaveAttribute("aria-pressed", "true");
}

const ORIGINAL = "Syrian opposition forces have entered Aleppo just three days after a surprise offensive launched on the 27th of November.";
const INSERTED = ", Syria’s second-largest city,";
const RESULT = "Syrian opposition forces have entered Aleppo, Syria’s second-largest city, just three days after a sudden offensive launched on the 27th of November.";

test("the adviser suggests three changes to the Aleppo story; the writer accepts two and rejects one", async ({ pageAs, apiAs, anonymousPage, uid }) => {
  test.setTimeout(180_000);
  const aleppo = readAleppo();
  expect(aleppo.paragraphs[0]).toBe(ORIGINAL);
  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  const story = await publishStory(writerApi, adviserApi, { headline: `${aleppo.title} (${uid})`, section: "world", body: toHtml(aleppo.paragraphs.slice(0, 3)) });
  const reader = await anonymousPage();
  const publicText = async () => {
    await reader.goto(`/articles/${story.slug}`);
    return reader.locator("article").first().innerText();
  };

  // The adviser switches to Suggesting and makes an insertion, a deletion and a replacement.
  const adviser = await pageAs("adviser");
  await openStory(adviser, story.id);
  await startSuggesting(adviser);
  await selectInStory(adviser, "entered Aleppo", { caretAtEnd: true });
  await adviser.keyboard.type(INSERTED);
  await selectInStory(adviser, "just ");
  await adviser.keyboard.press("Backspace");
  await selectInStory(adviser, "surprise");
  await adviser.keyboard.type("sudden");
  // Shown inline: the insertions underlined, the deletions struck through, with who suggested them.
  const body = storyBody(adviser);
  await expect(body.locator("ins.suggestion-insert")).toHaveText([INSERTED, "sudden"]);
  await expect(body.locator("del.suggestion-delete")).toHaveText(["just ", "surprise"]);
  await expect(body.locator("ins.suggestion-insert").first()).toHaveCSS("text-decoration-line", "underline");
  await expect(body.locator("del.suggestion-delete").first()).toHaveCSS("text-decoration-line", "line-through");
  await expect(body.locator("ins.suggestion-insert").first()).toHaveAttribute("title", new RegExp(`^Suggested by ${USERS.adviser.name}, `));
  await expect(saveStatus(adviser)).toHaveText(SAVED);

  // Explained at the caret, for keyboard users: who, when, what.
  await selectInStory(adviser, "second-largest", { caretAtEnd: true });
  const atCaret = adviser.getByTestId("suggestion-at-caret");
  await expect(atCaret).toContainText(`Suggestion: Insert “${INSERTED}”`);
  await expect(atCaret).toContainText(USERS.adviser.name);
  await expect(atCaret.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);

  const panel = suggestionsPanel(adviser);
  await expect(panel.getByRole("heading")).toHaveText("Suggestions (3)");
  await expect(panel.getByRole("listitem")).toHaveText([
    new RegExp(`^Insert “${INSERTED}”${USERS.adviser.name}`),
    new RegExp(`^Delete “just”${USERS.adviser.name}`),
    new RegExp(`^Replace “surprise” with “sudden”${USERS.adviser.name}`),
  ]);
  const listed = await listSuggestions(adviserApi, story.id);
  expect(listed.map((s) => [s.kind, s.text, s.author.name])).toEqual([
    ["insert", `“${INSERTED}”`, USERS.adviser.name],
    ["delete", "“just”", USERS.adviser.name],
    ["replace", "“surprise” → “sudden”", USERS.adviser.name],
  ]);

  // Readers never see them: the public page and the API's body are the text with none applied.
  const before = await publicText();
  expect(before).toContain(ORIGINAL);
  for (const suggested of ["second-largest", "sudden"]) expect(before).not.toContain(suggested);
  expect(await reader.content()).not.toMatch(/<ins|<del|data-suggestion|suggestion-insert/);
  expect(await serverText(adviserApi, story.id)).toContain(ORIGINAL);

  // The writer, in another browser, accepts the insertion and the replacement and rejects the deletion.
  const writer = await pageAs("writer");
  await writer.goto(`/newsroom/articles/${story.id}`);
  const writerPanel = suggestionsPanel(writer);
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (3)");
  await writerPanel.getByRole("button", { name: `Accept: Insert “${INSERTED}”, by ${USERS.adviser.name}` }).click();
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (2)");
  await writerPanel.getByRole("button", { name: `Reject: Delete “just”, by ${USERS.adviser.name}` }).click();
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (1)");
  await writerPanel.getByRole("button", { name: `Accept: Replace “surprise” with “sudden”, by ${USERS.adviser.name}` }).click();
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions");
  await expect(writerPanel).toContainText("No open suggestions.");
  await expect(storyBody(writer).locator("ins, del")).toHaveCount(0);
  await expect(storyBody(writer).locator("p").first()).toHaveText(RESULT);

  // Exactly the text the writer chose, on the server (the live story's working copy); readers
  // keep the published text until the adviser publishes the changes, then get exactly that.
  expect(await listSuggestions(writerApi, story.id)).toEqual([]);
  expect(await serverText(writerApi, story.id)).toContain(RESULT);
  expect(await publicText()).toContain(ORIGINAL);
  await adviser.reload();
  await adviser.getByTestId("live-story-banner").getByRole("button", { name: "Publish changes" }).click();
  await expect(adviser.getByRole("status").filter({ hasText: "Published. Readers now see these changes." })).toBeVisible();
  await expect.poll(publicText, { timeout: 15_000 }).toContain(RESULT);

  // The history says who decided what.
  await writer.reload();
  const history = writer.getByTestId("history");
  await expect(history).toContainText(`${USERS.writer.name} accepted a suggestion by ${USERS.adviser.name}: “${INSERTED}”`);
  await expect(history).toContainText(`${USERS.writer.name} rejected a suggestion by ${USERS.adviser.name}: “just”`);
  await expect(history).toContainText(`${USERS.writer.name} accepted a suggestion by ${USERS.adviser.name}: “surprise” → “sudden”`);
});

test("approving while a suggestion is open asks first", async ({ pageAs, apiAs, uid }) => {
  test.setTimeout(120_000);
  const writerApi = await apiAs("writer");
  const story = await createStory(writerApi, { headline: `Suggested before approval (${uid})`, section: "world", body: "<p>The council met on Monday.</p>" });
  await transition(writerApi, story.id, "submit");

  const adviser = await pageAs("adviser");
  await openStory(adviser, story.id);
  await startSuggesting(adviser);
  await selectInStory(adviser, "met", { caretAtEnd: true });
  await adviser.keyboard.type(" briefly");
  await expect(saveStatus(adviser)).toHaveText(SAVED);
  await expect(suggestionsPanel(adviser).getByRole("heading")).toHaveText("Suggestions (1)");

  // Cancelled: nothing happens. Confirmed: approved, with the suggestion still open.
  const asked: string[] = [];
  adviser.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await workflow(adviser).getByRole("button", { name: "Approve" }).click();
  await expect.poll(() => asked).toEqual(["1 suggestion is still open. Approve anyway?"]);
  await expect(statusBadge(adviser, "In review")).toBeVisible();
  // The API refuses too, unless the request confirms.
  const adviserApi = await apiAs("adviser");
  const refused = await adviserApi.post(`/api/v1/articles/${story.id}/transitions`, { data: { action: "approve" } });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe("1 suggestion is still open. Approve anyway?");

  adviser.once("dialog", (d) => void d.accept());
  await workflow(adviser).getByRole("button", { name: "Approve" }).click();
  await expect(statusBadge(adviser, "Approved")).toBeVisible();
  expect((await listSuggestions(adviserApi, story.id)).map((s) => s.kind)).toEqual(["insert"]);
});

test("a writer whose story is in review may no longer edit it but suggests changes to it", async ({ pageAs, apiAs, uid }) => {
  test.setTimeout(120_000);
  const writerApi = await apiAs("writer");
  const story = await createStory(writerApi, { headline: `Suggested in review (${uid})`, section: "world", body: "<p>The council met on Monday.</p>" });
  const inReview = await transition(writerApi, story.id, "submit");

  const writer = await pageAs("writer");
  await writer.goto(`/newsroom/articles/${story.id}`);
  // It reads as text first, as in review it should (newsroom-polish item 5); suggesting is a choice.
  await expect(writer.getByTestId("read-only-notice")).toContainText("In review");
  await expect(storyBody(writer)).toHaveAttribute("contenteditable", "false");
  await writer.getByTestId("read-only-notice").getByRole("button", { name: "Suggest changes" }).click();
  await expect(writer.getByTestId("suggest-only-notice")).toBeVisible();
  await expect(storyBody(writer)).toHaveAttribute("contenteditable", "true");
  await expect(writer.getByTestId("suggest-mode")).toHaveText(/Suggesting only/);
  await selectInStory(writer, "met", { caretAtEnd: true });
  await writer.keyboard.type(" briefly");
  await expect(storyBody(writer).locator("ins.suggestion-insert")).toHaveText(" briefly");
  await expect(saveStatus(writer)).toHaveText(SAVED);
  const listed = await listSuggestions(writerApi, story.id);
  expect(listed.map((s) => [s.kind, s.author.name])).toEqual([["insert", USERS.writer.name]]);
  // The text itself is still the reviewers' to change: a plain edit through the API is refused.
  const current = (await (await writerApi.get(`/api/v1/articles/${story.id}`)).json()) as { article: { version: number } };
  expect(current.article.version).toBeGreaterThan(inReview.version);
  const refused = await writerApi.patch(`/api/v1/articles/${story.id}`, { data: { version: current.article.version, body: "<p>The council never met.</p>" } });
  expect(refused.status()).toBe(403);
});
