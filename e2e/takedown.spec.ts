import { createStory, expect, test, transition } from "./fixtures";
import { listComments, listRevisions } from "./never-lose-a-word.fixtures";

/**
 * Takedown (issue 11): after an anonymizing takedown the student's name is in no API answer and
 * no page, newsroom or public, and no revision from before it can be restored.
 */
test("after anonymizing, no API answer or page names the student, and an older revision cannot be restored", async ({ pageAs, apiAs, anonymousApi, uid }) => {
  test.setTimeout(180_000);
  const surname = `Okafor${uid}`;
  const student = `Nadia ${surname}`;
  const replacement = "a student";
  const named = new RegExp(surname, "i");
  const writerApi = await apiAs("writer");
  const editorApi = await apiAs("editor");
  const adviserApi = await apiAs("adviser");

  // A story naming her in every layer: text, revisions, a change request, comments, a required-change notice.
  const story = await createStory(writerApi, {
    headline: `Robotics captain ${student} rebuilds the arm (${uid})`,
    dek: `${student} stayed late every night.`,
    section: "news",
    body: `<p>${student} rebuilt the arm twice.</p><p>“It works,” ${surname} said.</p>`,
  });
  await transition(writerApi, story.id, "submit");
  await transition(adviserApi, story.id, "request_changes", { note: `Ask ${student} for one more quote.` });
  const asked = await adviserApi.post(`/api/v1/articles/${story.id}/comments`, { data: { body: `Is ${surname} over 18?`, kind: "REQUIRED", quote: `${student} rebuilt the arm` } });
  expect(asked.status()).toBe(201);
  const required = ((await asked.json()) as { comment: { id: string } }).comment;
  expect((await writerApi.post(`/api/v1/articles/${story.id}/comments`, { data: { body: `${student} is 17.`, parentId: required.id } })).status()).toBe(201);
  const edited = await writerApi.patch(`/api/v1/articles/${story.id}`, { data: { body: `<p>${student} rebuilt the arm twice.</p><p>“It works,” ${surname} said. “Again.”</p>`, version: (await (await writerApi.get(`/api/v1/articles/${story.id}`)).json()).article.version } });
  expect(edited.status(), await edited.text()).toBe(200);
  expect((await adviserApi.post(`/api/v1/articles/${story.id}/comments/${required.id}/resolve`, { data: {} })).status()).toBe(200);
  await transition(writerApi, story.id, "submit");
  await transition(adviserApi, story.id, "approve");
  await transition(adviserApi, story.id, "publish");
  const older = await listRevisions(adviserApi, story.id);
  expect(JSON.stringify(older)).toMatch(named);

  // Her parent asks; the adviser anonymizes.
  const adviser = await pageAs("adviser");
  const storyPath = `/newsroom/articles/${story.id}`;
  await adviser.goto(storyPath);
  const request = adviser.getByRole("form", { name: "Record a takedown request" });
  await request.getByLabel("Who asked", { exact: true }).fill(`${student}'s mother`);
  await request.getByLabel("Their reason", { exact: true }).fill(`${student} is a minor.`);
  await request.getByRole("button", { name: "Record request" }).click();
  await expect(request.getByRole("status")).toHaveText("Request recorded. An adviser decides it.");
  const decision = adviser.getByRole("form", { name: "Decide the request" });
  await decision.getByLabel("Decision", { exact: true }).selectOption("ANONYMIZE");
  await decision.getByLabel("Name to remove (for anonymize)", { exact: true }).fill(student);
  await decision.getByLabel("Replace with", { exact: true }).fill(replacement);
  await decision.getByLabel("Reason for the decision", { exact: true }).fill(`${surname} is a minor.`);
  await decision.getByRole("button", { name: "Record decision" }).click();
  await expect(adviser.getByRole("region", { name: "Takedown requests" })).toContainText(`(name replaced by “${replacement}”)`);

  // Every API answer about the story, for each role.
  for (const api of [writerApi, editorApi, adviserApi]) {
    const article = await api.get(`/api/v1/articles/${story.id}`);
    expect(article.status()).toBe(200);
    expect(await article.text(), "the article").not.toMatch(named);
    const revisions = await api.get(`/api/v1/articles/${story.id}/revisions`);
    expect(await revisions.text(), "the revisions").not.toMatch(named);
    for (const r of await listRevisions(api, story.id)) {
      const one = await api.get(`/api/v1/articles/${story.id}/revisions/${r.id}`);
      expect(one.status()).toBe(200);
      expect(await one.text(), `revision ${r.version} (${r.event})`).not.toMatch(named);
    }
    expect(JSON.stringify(await listComments(api, story.id)), "the comments").not.toMatch(named);
  }

  // Every page: the newsroom's story, history, notifications, audit log and dashboard; the public story.
  const slug = ((await (await adviserApi.get(`/api/v1/articles/${story.id}`)).json()) as { article: { slug: string } }).article.slug;
  const pages = [storyPath, `${storyPath}/revisions`, "/newsroom/notifications", "/newsroom/audit", "/newsroom"];
  for (const role of ["writer", "adviser"] as const) {
    const page = role === "adviser" ? adviser : await pageAs(role);
    for (const path of pages) {
      const res = await page.goto(path);
      if (res?.status() !== 200) continue; // a page this role may not open
      expect(await page.content(), `${path} as the ${role}`).not.toMatch(named);
    }
  }
  await expect(async () => {
    const res = await anonymousApi.get(`/articles/${slug}`);
    expect(res.status()).toBe(200);
    expect(await res.text()).not.toMatch(named);
  }).toPass({ timeout: 30_000 });

  // Restoring a revision from before the takedown is refused: in the API for everyone, and in the UI.
  const version = ((await (await adviserApi.get(`/api/v1/articles/${story.id}`)).json()) as { article: { version: number } }).article.version;
  for (const api of [editorApi, adviserApi]) {
    const res = await api.post(`/api/v1/articles/${story.id}/revisions/${older.at(-1)!.id}/restore`, { data: { version } });
    expect(res.status()).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("from before a takedown");
  }
  await adviser.goto(`${storyPath}/revisions`);
  const first = adviser.getByTestId("revisions").getByRole("listitem").last();
  await first.getByRole("button", { name: /^Restore/ }).click();
  await expect(first).toContainText("This revision is from before a takedown removed a name from the story");
  expect(await adviser.content()).not.toMatch(named);
});
