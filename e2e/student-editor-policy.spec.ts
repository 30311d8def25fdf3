import { expect, setReviewPolicy, statusBadge, test, workflow } from "./fixtures";

// The review policy is publication-wide: put it back even when the test fails, since every later
// spec runs on the same database and assumes ADVISER_APPROVES.
test.afterEach(async ({ pageAs }) => {
  await setReviewPolicy(await pageAs("adviser"), "Adviser approves");
});

test("a student editor may publish only under the student-editors policy", async ({ pageAs, apiAs, anonymousApi, storyAt }) => {
  test.slow(); // the settings round trip runs twice, plus the restore in afterEach
  const approved = await storyAt("APPROVED");
  const editor = await pageAs("editor");
  const editorApi = await apiAs("editor");

  // Adviser approves (the demo default): the editor can send it back, but not publish it.
  await editor.goto(`/newsroom/articles/${approved.id}`);
  await expect(statusBadge(editor, "Approved")).toBeVisible();
  await expect(workflow(editor).getByRole("button", { name: "Request changes" })).toBeVisible();
  await expect(editor.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
  const refused = await editorApi.post(`/api/v1/articles/${approved.id}/transitions`, { data: { action: "publish" } });
  expect(refused.status()).toBe(403);
  expect((await anonymousApi.get(`/articles/${approved.slug}`)).status()).toBe(404);

  // The adviser hands the final say to student editors; it applies on the editor's next request.
  await setReviewPolicy(await pageAs("adviser"), "Student editors publish");
  await editor.reload();
  await workflow(editor).getByRole("button", { name: "Publish", exact: true }).click();
  await expect(statusBadge(editor, "Published")).toBeVisible();

  const reader = await anonymousApi.get(`/articles/${approved.slug}`);
  expect(reader.status()).toBe(200);
  expect(await reader.text()).toContain(approved.headline);
});
