import { createStory, expect, test, transition } from "./fixtures";
import { diffParts, getArticle, listRevisions, patchStory, type Revision } from "./never-lose-a-word.fixtures";

/**
 * Every save and every workflow step leaves a revision; any two can be compared word by word,
 * and an old one can be restored, which is itself a new revision (nothing is deleted).
 */

const V1 = "<p>The council met on Monday and voted to close the library.</p>";
const V2 = "<p>The council met on Monday and voted to keep the library open.</p>";
const V3 = "<p>The council met on Tuesday and voted to keep the library open.</p>";
const V4 = "<p>The council met on Tuesday and voted to keep the library open until nine.</p>";
const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

test("revisions list every save and step, compare as a word diff, and restore as a new revision", async ({ pageAs, apiAs, uid }) => {
  const headline = `Library vote (${uid})`;
  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  let story = await createStory(writerApi, { headline, section: "world", body: V1 });
  story = await patchStory(writerApi, story.id, { body: V2, version: story.version });
  story = await patchStory(writerApi, story.id, { body: V3, version: story.version });
  await transition(writerApi, story.id, "submit");
  story = await patchStory(adviserApi, story.id, { body: V4, version: story.version });
  expect(story.version).toBe(4);

  // The writer's two quick edits fold into one revision; the submit and the adviser's edit do not.
  const revisions = await listRevisions(writerApi, story.id);
  expect(revisions.map((r) => [r.version, r.event, r.author])).toEqual([
    [4, "edit", "Hana Park"],
    [3, "submit", "Jaehoon Song"],
    [3, "edit", "Jaehoon Song"],
    [1, "create", "Jaehoon Song"],
  ]);
  expect(revisions.map((r) => r.text.trim())).toEqual([V4, V3, V3, V1].map(textOf));
  const [latest, , , created] = revisions as [Revision, Revision, Revision, Revision];
  const one = await writerApi.get(`/api/v1/articles/${story.id}/revisions/${created.id}`);
  expect(one.status()).toBe(200);
  expect(((await one.json()) as { revision: { body: string } }).revision.body).toBe(V1);

  const adviser = await pageAs("adviser");
  await adviser.goto(`/newsroom/articles/${story.id}`);
  await adviser.getByRole("link", { name: "Revision history" }).click();
  await expect(adviser).toHaveURL(`/newsroom/articles/${story.id}/revisions`);
  const list = adviser.getByTestId("revisions").getByRole("listitem");
  await expect(list).toHaveCount(4);
  await expect(list.nth(0)).toContainText(headline);
  await expect(list.nth(0)).toContainText("v4 · Edited · Hana Park · ");
  await expect(list.nth(1)).toContainText("v3 · Submitted for review · Jaehoon Song · ");
  await expect(list.nth(2)).toContainText("v3 · Edited · Jaehoon Song · ");
  await expect(list.nth(3)).toContainText("v1 · Created · Jaehoon Song · ");

  // By default the page compares the newest revision with the one before it.
  await expect(adviser.getByTestId("diff-stats")).toHaveText("2 words added, 0 words removed.");
  expect(await diffParts(adviser.getByTestId("diff"))).toEqual({ added: " until nine", removed: "" });

  // Compare the first revision with the latest.
  await adviser.getByLabel("From", { exact: true }).selectOption(created.id);
  await adviser.getByLabel("To", { exact: true }).selectOption(latest.id);
  await adviser.getByRole("button", { name: "Compare" }).click();
  await expect(adviser).toHaveURL(new RegExp(`\\?a=${created.id}&b=${latest.id}$`));
  await expect(adviser.getByLabel("From", { exact: true })).toHaveValue(created.id);
  await expect(adviser.getByTestId("diff-stats")).toHaveText("5 words added, 2 words removed.");
  const diff = await diffParts(adviser.getByTestId("diff"));
  for (const word of ["Tuesday", "keep", "open", "until", "nine"]) expect(diff.added).toContain(word);
  for (const word of ["Monday", "close"]) expect(diff.removed).toContain(word);
  expect(diff.removed).not.toMatch(/Tuesday|keep|open/);
  await expect(adviser.getByTestId("diff")).toContainText("The council met on");

  // Restore the first revision: it becomes current, as a new version, and the history grows.
  await expect(list.nth(0).getByRole("button", { name: /^Restore/ })).toHaveCount(0); // the newest is current already
  await list.nth(3).getByRole("button", { name: /^Restore v1 · Created · Jaehoon Song/ }).click();
  await expect(adviser.getByText("Restored as version 5.")).toBeVisible();
  await expect(list).toHaveCount(5);
  await expect(list.nth(0)).toContainText("v5 · Restored an earlier revision · Hana Park · ");

  const restored = await getArticle(writerApi, story.id);
  expect(restored).toMatchObject({ version: 5, body: V1, headline });
  const after = await listRevisions(writerApi, story.id);
  expect(after).toHaveLength(5);
  expect(after[0]).toMatchObject({ version: 5, event: "restore", author: "Hana Park" });
  expect(after[0]!.text.trim()).toBe(textOf(V1));
  expect(after.slice(1).map((r) => r.id)).toEqual(revisions.map((r) => r.id)); // nothing rewritten or dropped

  // The editor opens on the restored text.
  await adviser.getByRole("link", { name: "← Back to the story" }).click();
  await expect(adviser.getByTestId("story-body")).toHaveText(textOf(V1));
});

test("a writer sees the history of a story in review but cannot restore it", async ({ pageAs, apiAs, uid }) => {
  const writerApi = await apiAs("writer");
  let story = await createStory(writerApi, { headline: `Read-only history (${uid})`, section: "world", body: V1 });
  story = await patchStory(writerApi, story.id, { body: V2, version: story.version });
  await transition(writerApi, story.id, "submit");
  const [, , created] = await listRevisions(writerApi, story.id);
  expect(created).toMatchObject({ event: "create" });

  const writer = await pageAs("writer");
  await writer.goto(`/newsroom/articles/${story.id}/revisions`);
  await expect(writer.getByTestId("revisions").getByRole("listitem")).toHaveCount(3);
  await expect(writer.getByRole("button", { name: /^Restore/ })).toHaveCount(0);
  const res = await writerApi.post(`/api/v1/articles/${story.id}/revisions/${created!.id}/restore`, { data: { version: story.version } });
  expect(res.status()).toBe(403);
  expect((await getArticle(writerApi, story.id)).body).toBe(V2);
});

test("the history records the story's own lead-image caption: a caption change shows in the diff, and a restore brings it back", async ({ pageAs, apiAs, uid }) => {
  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  const media = await writerApi.get("/api/v1/media?limit=1");
  expect(media.status()).toBe(200);
  const [photo] = ((await media.json()) as { media: { id: string; caption: string }[] }).media;
  expect(photo, "the demo's photo library").toBeTruthy();
  const first = `Students queue at the library door before nine (${uid})`;
  const second = `Students queue at the library door after nine (${uid})`;

  let story = await createStory(writerApi, { headline: `Library queue (${uid})`, section: "world", body: V1 });
  const withPhoto = await writerApi.patch(`/api/v1/articles/${story.id}`, { data: { leadImageId: photo!.id, leadImageCaption: first, version: story.version } });
  expect(withPhoto.status(), await withPhoto.text()).toBe(200);
  await transition(writerApi, story.id, "submit");
  story = await getArticle(writerApi, story.id);
  const edited = await adviserApi.patch(`/api/v1/articles/${story.id}`, { data: { leadImageCaption: second, version: story.version } });
  expect(edited.status(), await edited.text()).toBe(200);

  const revisions = await listRevisions(writerApi, story.id);
  expect(revisions.map((r) => [r.event, r.leadImageCaption])).toEqual([
    ["edit", second],
    ["submit", first],
    ["edit", first],
    ["create", null],
  ]);

  const adviser = await pageAs("adviser");
  await adviser.goto(`/newsroom/articles/${story.id}/revisions`);
  const list = adviser.getByTestId("revisions").getByRole("listitem");
  await expect(list).toHaveCount(4);
  await expect(list.nth(0).getByTestId("revision-caption")).toHaveText(`Lead image caption: ${second}`);
  await expect(list.nth(3).getByTestId("revision-caption")).toHaveCount(0);
  // The newest against the one before it: only the caption changed, and the diff says so, labelled.
  await expect(adviser.getByTestId("diff-stats")).toHaveText("1 word added, 1 word removed.");
  expect(await diffParts(adviser.getByTestId("diff"))).toEqual({ added: "after", removed: "before" });
  await expect(adviser.getByTestId("diff")).toContainText("Lead image caption: Students queue at the library door");
  for (const width of [1280, 390]) {
    await adviser.setViewportSize({ width, height: 900 });
    await adviser.screenshot({ path: test.info().outputPath(`revisions-caption-${width}.png`), fullPage: true });
  }
  await adviser.setViewportSize({ width: 1280, height: 900 });

  // Restoring the submitted revision brings its caption back, recorded by the restore's revision.
  await list.nth(1).getByRole("button", { name: /^Restore v\d+ · Submitted for review/ }).click();
  await expect(adviser.getByText(/^Restored as version \d+\.$/)).toBeVisible();
  await expect(list).toHaveCount(5);
  await expect(list.nth(0).getByTestId("revision-caption")).toHaveText(`Lead image caption: ${first}`);
  expect(((await getArticle(writerApi, story.id)) as unknown as { leadImage: { id: string; caption: string } }).leadImage).toMatchObject({ id: photo!.id, caption: first });
  expect((await listRevisions(writerApi, story.id))[0]).toMatchObject({ event: "restore", leadImageCaption: first });

  // The editor opens with the restored caption.
  await adviser.getByRole("link", { name: "← Back to the story" }).click();
  await expect(adviser.getByLabel("Caption for this story")).toHaveValue(first);
});
