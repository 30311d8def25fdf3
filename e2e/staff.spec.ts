import { createStory, expect, SignInRefused, signIn, test, transition } from "./fixtures";

test("the adviser adds a writer, and deactivating them signs them out at once", async ({ pageAs, apiAs, anonymousApi, uid }) => {
  const recruit = { name: `Dana Cho ${uid}`, email: `dana.${uid}@e2e.test`, password: `temporary-${uid}` };
  const graduationYear = String(new Date().getFullYear() + 2);

  // The adviser creates the account in the Staff page.
  const adviser = await pageAs("adviser");
  await adviser.goto("/newsroom/staff");
  const form = adviser.getByRole("form", { name: "Add a staff member" });
  await form.getByLabel("Full name", { exact: true }).fill(recruit.name);
  await form.getByLabel("Email", { exact: true }).fill(recruit.email);
  await form.getByLabel("Role", { exact: true }).selectOption("WRITER");
  await form.getByLabel("Graduation year (students)", { exact: true }).fill(graduationYear);
  await form.getByLabel("Temporary password", { exact: true }).fill(recruit.password);
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toHaveText(`Account created for ${recruit.email}. Share the password with them privately.`);
  const row = adviser.getByRole("row").filter({ hasText: recruit.email });
  await expect(row).toContainText(recruit.name);
  await expect(row).toContainText("Writer");
  await expect(row).toContainText("Active");

  // The new writer signs in, works in the newsroom, and gets a story published.
  const newcomer = await pageAs({ email: recruit.email, password: recruit.password });
  await newcomer.goto("/newsroom");
  await expect(newcomer.getByRole("heading", { level: 1, name: "Stories" })).toBeVisible();
  await expect(newcomer.getByTestId("current-user")).toHaveText(recruit.name);
  const newcomerApi = newcomer.context().request;
  const story = await createStory(newcomerApi, { headline: `First story by a new writer (${uid})`, section: "news" });
  await transition(newcomerApi, story.id, "submit");
  const adviserApi = await apiAs("adviser");
  await transition(adviserApi, story.id, "approve");
  await transition(adviserApi, story.id, "publish");

  // Deactivation: the very next request is signed out, though the session cookie is unchanged.
  await adviser.reload();
  await row.getByRole("button", { name: "Deactivate", exact: true }).click();
  // It asks once more before signing anyone out.
  await expect(row).not.toContainText("Deactivated");
  await row.getByRole("button", { name: "Yes, deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  await expect(row.getByRole("button", { name: "Reactivate" })).toBeVisible();

  await newcomer.goto("/newsroom");
  await expect(newcomer).toHaveURL(/\/login/);
  const api = await newcomerApi.get("/api/v1/articles");
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("UNAUTHENTICATED");
  await expect(signIn(anonymousApi, { email: recruit.email, password: recruit.password })).rejects.toThrow(SignInRefused);

  // Their published work and byline stay.
  const published = await anonymousApi.get(`/articles/${story.slug}`);
  expect(published.status()).toBe(200);
  expect(await published.text()).toContain(recruit.name);
});
