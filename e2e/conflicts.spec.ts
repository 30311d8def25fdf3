import { createStory, expect, test } from "./fixtures";
import { diffParts, listRevisions, openStory, SAVED, saveStatus, serverText, storyBody, typeNewParagraph } from "./never-lose-a-word.fixtures";

/**
 * Two people save the same story from the same starting version. The first save lands; the
 * second is refused (409), kept as a "conflict" revision, and shown side by side with a word
 * diff. Whatever the second person chooses, no text the server acknowledged is lost.
 */

test("the second save of a story gets the conflict view, and “Keep mine” saves it without losing the first", async ({ pageAs, apiAs, uid }) => {
  const writerApi = await apiAs("writer");
  const story = await createStory(writerApi, { headline: `Budget vote (${uid})`, section: "world", body: "<p>The student council voted on the budget.</p>" });
  const writersLine = `The writer adds that the vote was twelve to three (${uid}).`;
  const advisersLine = `The adviser adds that two members abstained (${uid}).`;

  // The adviser opens the draft first, then the writer: the writer is told who else is in it.
  const adviser = await pageAs("adviser");
  await openStory(adviser, story.id);
  const writer = await pageAs("writer");
  await openStory(writer, story.id);
  await expect(writer.getByTestId("presence")).toContainText("Hana Park is editing this story too.");

  // The writer saves first, from version 1.
  await typeNewParagraph(writer, writersLine);
  await writer.getByRole("button", { name: "Save", exact: true }).click();
  await expect(saveStatus(writer)).toHaveText(SAVED);

  // The adviser's page still holds version 1: their save is refused, not applied.
  await typeNewParagraph(adviser, advisersLine);
  await adviser.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = adviser.getByTestId("conflict-view");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole("heading", { level: 2 })).toContainText("Jaehoon Song saved a newer version");
  await expect(saveStatus(adviser)).toHaveText("Not saved: a newer version exists. Your text is still here.");
  await expect(conflict.getByTestId("conflict-mine")).toContainText(advisersLine);
  await expect(conflict.getByTestId("conflict-mine")).not.toContainText(writersLine);
  await expect(conflict.getByTestId("conflict-theirs")).toContainText(writersLine);
  await expect(conflict.getByTestId("conflict-theirs")).not.toContainText(advisersLine);
  const diff = await diffParts(conflict.getByTestId("diff"));
  for (const word of ["adviser", "two", "members", "abstained"]) expect(diff.added).toContain(word);
  for (const word of ["writer", "twelve", "three"]) expect(diff.removed).toContain(word);
  expect(diff.added).not.toContain("twelve");
  expect(diff.removed).not.toContain("abstained");
  // The adviser's words are still in their editor while they decide.
  await expect(storyBody(adviser)).toContainText(advisersLine);
  expect(await serverText(writerApi, story.id)).not.toContain(advisersLine);

  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(conflict).toBeHidden();
  await expect(saveStatus(adviser)).toHaveText(SAVED);

  const final = await serverText(writerApi, story.id);
  expect(final).toContain(advisersLine);
  expect(final).not.toContain(writersLine);

  // Nothing acknowledged was lost: the writer's save and the refused save are both in the history.
  const revisions = await listRevisions(writerApi, story.id);
  const writersRevision = revisions.find((r) => r.text.includes(writersLine));
  expect(writersRevision, "a revision holds the writer's text").toMatchObject({ event: "edit", author: "Jaehoon Song", version: 2 });
  const refused = revisions.find((r) => r.event === "conflict");
  expect(refused, "the refused save is kept as a conflict revision").toMatchObject({ author: "Hana Park", version: 1 });
  expect(refused!.text).toContain(advisersLine);
  expect(refused!.text).not.toContain(writersLine);
  expect(revisions[0]).toMatchObject({ event: "edit", author: "Hana Park", version: 3 });
  expect(revisions[0]!.text).toContain(advisersLine);
});

test("“Merge by hand” loads the newer version to edit, and the merged save keeps both texts", async ({ pageAs, apiAs, uid }) => {
  const writerApi = await apiAs("writer");
  const story = await createStory(writerApi, { headline: `Library hours (${uid})`, section: "world", body: "<p>The library will change its hours.</p>" });
  const laptopLine = `From the laptop: it will open at seven (${uid}).`;
  const phoneLine = `From the phone: it will close at nine (${uid}).`;

  // The same writer has the story open on two devices (two browser contexts, two local stores).
  const laptop = await pageAs("writer");
  const phone = await pageAs("writer");
  await openStory(laptop, story.id);
  const heartbeat = phone.waitForResponse((r) => r.url().endsWith(`/api/v1/articles/${story.id}/presence`) && r.request().method() === "POST");
  await openStory(phone, story.id);
  // One person on two devices is not "someone else editing".
  expect(await (await heartbeat).json()).toEqual({ editors: [] });
  await expect(phone.getByTestId("presence")).toBeHidden();

  // The phone has no signal while the writer types on it, so the laptop's save lands first
  // (deterministically); the phone's save goes out when the connection returns.
  await phone.context().setOffline(true);
  await typeNewParagraph(phone, phoneLine);
  await typeNewParagraph(laptop, laptopLine);
  await laptop.getByRole("button", { name: "Save", exact: true }).click();
  await expect(saveStatus(laptop)).toHaveText(SAVED);
  await expect(saveStatus(phone)).toHaveText("Offline — changes kept on this device");
  await phone.context().setOffline(false);

  const conflict = phone.getByTestId("conflict-view");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId("conflict-mine")).toContainText(phoneLine);
  await expect(conflict.getByTestId("conflict-theirs")).toContainText(laptopLine);
  const diff = await diffParts(conflict.getByTestId("diff"));
  for (const word of ["phone", "close", "nine"]) expect(diff.added).toContain(word);
  for (const word of ["laptop", "open", "seven"]) expect(diff.removed).toContain(word);

  // Merging: the editor now holds the laptop's text; the phone's version stays visible to copy from.
  await conflict.getByRole("button", { name: "Merge by hand" }).click();
  await expect(conflict.getByRole("heading", { level: 2 })).toHaveText("Merging by hand");
  await expect(storyBody(phone)).toContainText(laptopLine);
  await expect(storyBody(phone)).not.toContainText(phoneLine);
  await expect(conflict.getByTestId("conflict-mine")).toContainText(phoneLine);
  await typeNewParagraph(phone, phoneLine);
  await phone.getByRole("button", { name: "Save", exact: true }).click();
  await expect(saveStatus(phone)).toHaveText(SAVED);
  await conflict.getByRole("button", { name: "Close comparison" }).click();
  await expect(conflict).toBeHidden();

  const final = await serverText(writerApi, story.id);
  expect(final).toContain(laptopLine);
  expect(final).toContain(phoneLine);
  expect(final.indexOf(laptopLine)).toBeLessThan(final.indexOf(phoneLine));

  const revisions = await listRevisions(writerApi, story.id);
  expect(revisions.map((r) => [r.event, r.version])).toEqual([
    ["edit", 3],
    ["conflict", 1],
    ["edit", 2],
    ["create", 1],
  ]);
  const [merged, refused, laptopSave] = revisions;
  expect(laptopSave!.text).toContain(laptopLine);
  expect(laptopSave!.text).not.toContain(phoneLine);
  expect(refused!.text).toContain(phoneLine);
  expect(refused!.text).not.toContain(laptopLine);
  expect(merged!.text).toContain(laptopLine);
  expect(merged!.text).toContain(phoneLine);
});
