import { createStory, expect, readAleppo, statusBadge, test, toHtml, transition, workflow } from "./fixtures";
import { getArticle, listComments, listRevisions, openStory, SAVED, saveStatus, selectInStory, serverText, storyBody } from "./never-lose-a-word.fixtures";

/**
 * The teaching loop: a reviewer anchors a required change to a passage, approval waits for it,
 * the writer sees it and revises, and only a reviewer can resolve it.
 */

const QUOTE = "Push back their fire from our people";

test("a required change on the Aleppo quote blocks approval until the writer revises and a reviewer resolves it", async ({ pageAs, apiAs, uid }) => {
  test.setTimeout(120_000);
  const aleppo = readAleppo();
  const headline = `${aleppo.title} (${uid})`;
  const ask = `Attribute this quote: who said it and where? (${uid})`;
  const note = `Two quotes need attribution before this can run (${uid}).`;
  const fix = ` He made both remarks in a video statement posted on 29 November (${uid}).`;

  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  const story = await createStory(writerApi, { headline, section: "world", body: toHtml(aleppo.paragraphs) });
  const submitted = await transition(writerApi, story.id, "submit");

  // The adviser selects the quote and asks for a required change on it.
  const adviser = await pageAs("adviser");
  await openStory(adviser, story.id);
  await selectInStory(adviser, QUOTE);
  await expect(adviser.getByTestId("comment-quote")).toHaveText(`On “${QUOTE}”`);
  await adviser.getByLabel("New comment").fill(ask);
  await adviser.getByRole("radio", { name: "Required change" }).check();
  await adviser.getByRole("button", { name: "Add comment" }).click();
  const adviserThread = adviser.getByTestId("comment-thread").filter({ hasText: ask });
  await expect(adviserThread).toContainText("Required change");
  await expect(adviserThread).toContainText(`“${QUOTE}”`);
  await expect(adviser.getByLabel("New comment")).toHaveValue("");
  // The anchor highlights the passage in the editor, beside the text: commenting saves nothing.
  await expect(storyBody(adviser).locator("span[data-comment-id]")).toHaveText(QUOTE);
  expect((await getArticle(adviserApi, story.id)).version).toBe(submitted.version);
  await expect(saveStatus(adviser)).toHaveText("");
  const [required] = await listComments(adviserApi, story.id);
  expect(required).toMatchObject({ kind: "REQUIRED", quote: QUOTE, anchor: "anchored", resolved: false, body: ask });

  // Approval is refused while the required change is open, in the UI and in the API.
  await workflow(adviser).getByRole("button", { name: "Approve" }).click();
  await expect(workflow(adviser).getByText("Resolve the required change before approving.")).toBeVisible();
  await expect(statusBadge(adviser, "In review")).toBeVisible();
  const refused = await adviserApi.post(`/api/v1/articles/${story.id}/transitions`, { data: { action: "approve" } });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe("Resolve the required change before approving.");

  await workflow(adviser).getByLabel("Note").fill(note);
  await workflow(adviser).getByRole("button", { name: "Request changes" }).click();
  await expect(statusBadge(adviser, "Changes requested")).toBeVisible();

  // The writer finds the request on the dashboard and in the story.
  const writer = await pageAs("writer");
  await writer.goto("/newsroom");
  const requests = writer.getByRole("note").filter({ hasText: "Changes requested on" });
  await expect(requests.getByRole("listitem").filter({ hasText: headline })).toContainText("1 open required change");
  await requests.getByRole("link", { name: headline, exact: true }).click();
  await expect(storyBody(writer)).toHaveAttribute("contenteditable", "true");
  await expect(writer.getByTestId("change-request-note")).toHaveText(note);
  await expect(writer.getByTestId("required-changes")).toContainText(`“${QUOTE}”: ${ask}`);
  const writerThread = writer.getByTestId("comment-thread").filter({ hasText: ask });
  await expect(writerThread).toContainText("Required change");
  await expect(writerThread.getByRole("button", { name: "Reply" })).toBeVisible();
  // A writer cannot wave away a required change, nor create one.
  await expect(writerThread.getByRole("button", { name: "Resolve" })).toHaveCount(0);
  const selfResolve = await writerApi.post(`/api/v1/articles/${story.id}/comments/${required!.id}/resolve`, { data: {} });
  expect(selfResolve.status()).toBe(403);
  const selfRequire = await writerApi.post(`/api/v1/articles/${story.id}/comments`, { data: { body: "I require this of myself.", kind: "REQUIRED" } });
  expect(selfRequire.status()).toBe(403);

  // The writer adds the attribution after the quoted remarks, saves and resubmits.
  await selectInStory(writer, "and their land.”", { caretAtEnd: true });
  await writer.keyboard.type(fix);
  await writer.getByRole("button", { name: "Save", exact: true }).click();
  await expect(saveStatus(writer)).toHaveText(SAVED);
  await workflow(writer).getByRole("button", { name: "Submit for review" }).click();
  await expect(statusBadge(writer, "In review")).toBeVisible();
  expect(await serverText(writerApi, story.id)).toContain(`their land.”${fix}`);
  // The writer's save kept the anchor on the quote.
  expect((await listComments(writerApi, story.id))[0]).toMatchObject({ anchor: "anchored", resolved: false });

  // The adviser resolves the required change and approves.
  await openStory(adviser, story.id);
  await expect(storyBody(adviser)).toContainText(fix.trim());
  const open = adviser.getByRole("list", { name: "Open comments" }).getByTestId("comment-thread").filter({ hasText: ask });
  await open.getByRole("button", { name: "Resolve" }).click();
  await expect(open).toHaveCount(0);
  await expect(adviser.getByText("1 resolved")).toBeVisible();
  await workflow(adviser).getByRole("button", { name: "Approve" }).click();
  await expect(statusBadge(adviser, "Approved")).toBeVisible();
  expect((await getArticle(adviserApi, story.id)).status).toBe("APPROVED");
  expect((await listComments(adviserApi, story.id))[0]).toMatchObject({ resolved: true });
});

test("a comment whose passage is deleted shows “On deleted text”", async ({ pageAs, apiAs, uid }) => {
  const writerApi = await apiAs("writer");
  const passage = "starts in March";
  const story = await createStory(writerApi, { headline: `New timetable (${uid})`, section: "world", body: "<p>The principal said the new timetable starts in March.</p>" });
  const reminder = `Check the start date with the school office (${uid}).`;

  const writer = await pageAs("writer");
  await openStory(writer, story.id);
  await selectInStory(writer, passage);
  await expect(writer.getByTestId("comment-quote")).toHaveText(`On “${passage}”`);
  await writer.getByLabel("New comment").fill(reminder);
  // Writers coach; only reviewers get the choice of a required change.
  await expect(writer.getByRole("radio", { name: "Required change" })).toHaveCount(0);
  await writer.getByRole("button", { name: "Add comment" }).click();
  const thread = writer.getByTestId("comment-thread").filter({ hasText: reminder });
  await expect(thread).toContainText("Coaching");
  const anchor = storyBody(writer).locator("span[data-comment-id]");
  await expect(anchor).toHaveText(passage);
  // Never "On deleted text" for a new comment, and nothing to save.
  await expect(thread).not.toContainText("On deleted text");
  await expect(saveStatus(writer)).toHaveText("");
  expect((await getArticle(writerApi, story.id)).version).toBe(story.version);

  // Delete the commented words; the autosave carries the deletion (and the lost anchor) to the server.
  await selectInStory(writer, passage);
  await writer.keyboard.press("Backspace");
  await expect(anchor).toHaveCount(0);
  await expect(storyBody(writer)).toHaveText("The principal said the new timetable .");
  await expect(saveStatus(writer)).toHaveText(SAVED);
  expect((await listComments(writerApi, story.id))[0]).toMatchObject({ quote: passage, anchor: "deleted" });

  await writer.reload();
  await expect(thread).toContainText(`On deleted text: “${passage}”`);
  await expect(thread).toContainText(reminder);
});

test("a reviewer comments while the writer types: no conflict, no new version, and the anchor follows its passage", async ({ pageAs, apiAs, uid }) => {
  test.setTimeout(120_000);
  const aleppo = readAleppo();
  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  const story = await createStory(writerApi, { headline: `${aleppo.title} (${uid})`, section: "world", body: toHtml(aleppo.paragraphs) });
  await transition(writerApi, story.id, "submit");
  await transition(adviserApi, story.id, "request_changes", { note: `Tighten the top (${uid}).` });

  const writer = await pageAs("writer");
  const adviser = await pageAs("adviser");
  await openStory(writer, story.id);
  await openStory(adviser, story.id);
  const lede = `Breaking: rebels reached the city centre on Friday (${uid}).`;
  const ask = `Who said this, and where? (${uid})`;

  // The writer types a new first paragraph while the adviser anchors a comment further down.
  await storyBody(writer).click();
  await writer.keyboard.press("ControlOrMeta+Home");
  const typing = writer.keyboard.type(lede, { delay: 40 }).then(() => writer.keyboard.press("Enter"));
  await selectInStory(adviser, QUOTE);
  await adviser.getByLabel("New comment").fill(ask);
  await adviser.getByRole("button", { name: "Add comment" }).click();
  await expect(adviser.getByTestId("comment-thread").filter({ hasText: ask })).toContainText(`“${QUOTE}”`);
  await typing;
  await expect(saveStatus(writer)).toHaveText(SAVED);

  // Nobody saw a conflict; every version of the story is the writer's, and the adviser saved nothing.
  await expect(writer.getByTestId("conflict-view")).toHaveCount(0);
  await expect(adviser.getByTestId("conflict-view")).toHaveCount(0);
  await expect(saveStatus(adviser)).toHaveText("");
  const revisions = await listRevisions(writerApi, story.id);
  const writerName = revisions.find((r) => r.event === "create")!.author;
  expect(revisions.filter((r) => r.event === "edit").length).toBeGreaterThan(0);
  expect(revisions.filter((r) => r.event === "edit" || r.event === "conflict").map((r) => r.author)).toEqual(revisions.filter((r) => r.event === "edit").map(() => writerName));
  expect(await serverText(writerApi, story.id)).toContain(lede);

  // The stored anchor moved with the passage past the new paragraph.
  const [thread] = await listComments(adviserApi, story.id);
  expect(thread).toMatchObject({ anchor: "anchored", selector: { exact: QUOTE } });
  const { text } = (await listRevisions(writerApi, story.id))[0]!;
  expect(text.startsWith(lede)).toBe(true);
  expect(thread!.selector!.start).toBe(text.indexOf(QUOTE));

  // The writer sees the comment on the passage, then edits inside it: the anchor stays with it.
  await writer.reload();
  await expect(storyBody(writer)).toHaveAttribute("contenteditable", "true");
  await expect(storyBody(writer).locator("span[data-comment-id]")).toHaveText(QUOTE);
  await selectInStory(writer, "their fire");
  await writer.keyboard.type("their heavy fire");
  const edited = QUOTE.replace("their fire", "their heavy fire");
  await expect(storyBody(writer).locator("span[data-comment-id]")).toHaveText(edited);
  await expect(saveStatus(writer)).toHaveText(SAVED);
  await adviser.reload();
  await expect(storyBody(adviser).locator("span[data-comment-id]")).toHaveText(edited);
  await expect(adviser.getByTestId("comment-thread").filter({ hasText: ask })).not.toContainText("On deleted text");
});
