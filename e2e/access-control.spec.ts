import { expect, statusBadge, test, workflow } from "./fixtures";

/** Who may see and do what, checked on the server: a hidden draft looks like no draft. */
test.describe("access control", () => {
  test("another writer cannot open a writer's draft, in the newsroom or the API", async ({ pageAs, apiAs, storyAt }) => {
    const draft = await storyAt("DRAFT");
    const writer2 = await pageAs("writer2");

    const response = await writer2.goto(`/newsroom/articles/${draft.id}`);
    expect(response?.status()).toBe(404);
    await expect(writer2.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(writer2.getByText(draft.headline)).toHaveCount(0);

    const api = await apiAs("writer2");
    const get = await api.get(`/api/v1/articles/${draft.id}`);
    expect(get.status()).toBe(404);
    expect((await get.json()).error.code).toBe("NOT_FOUND");
    const patch = await api.patch(`/api/v1/articles/${draft.id}`, { data: { headline: "Hijacked", version: draft.version } });
    expect(patch.status()).toBe(404);
    const submit = await api.post(`/api/v1/articles/${draft.id}/transitions`, { data: { action: "submit" } });
    expect(submit.status()).toBe(404);
    const list = (await (await api.get("/api/v1/articles")).json()) as { articles: { id: string }[] };
    expect(list.articles.map((a) => a.id)).not.toContain(draft.id);

    // Student editors see stories only once they are submitted.
    expect((await (await apiAs("editor")).get(`/api/v1/articles/${draft.id}`)).status()).toBe(404);
    // The author still can.
    expect((await (await apiAs("writer")).get(`/api/v1/articles/${draft.id}`)).status()).toBe(200);
  });

  test("a writer cannot publish their approved story", async ({ pageAs, apiAs, storyAt }) => {
    const approved = await storyAt("APPROVED");
    const writer = await pageAs("writer");
    await writer.goto(`/newsroom/articles/${approved.id}`);
    await expect(writer.getByRole("heading", { level: 1, name: approved.headline })).toBeVisible();
    await expect(statusBadge(writer, "Approved")).toBeVisible();
    await expect(writer.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
    await expect(workflow(writer)).toHaveCount(0);

    const api = await apiAs("writer");
    const publish = await api.post(`/api/v1/articles/${approved.id}/transitions`, { data: { action: "publish" } });
    expect(publish.status()).toBe(403);
    expect((await publish.json()).error.code).toBe("FORBIDDEN");
    expect(((await (await api.get(`/api/v1/articles/${approved.id}`)).json()) as { article: { status: string } }).article.status).toBe("APPROVED");
  });

  test("anonymous visitors are sent to sign in, and the API answers 401", async ({ page, anonymousApi }) => {
    await page.goto("/newsroom");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();

    for (const res of [
      await anonymousApi.get("/api/v1/articles"),
      await anonymousApi.post("/api/v1/articles", { data: { headline: "Anonymous scoop" } }),
      await anonymousApi.get("/api/v1/articles/abc123"),
      await anonymousApi.post("/api/v1/articles/abc123/transitions", { data: { action: "publish" } }),
    ]) {
      expect(res.status(), res.url()).toBe(401);
      expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    }
  });

  test("writers get 404 on staff and settings pages", async ({ pageAs }) => {
    const writer = await pageAs("writer");
    for (const path of ["/newsroom/staff", "/newsroom/settings"]) {
      const response = await writer.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(writer.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
    // The same pages do exist for the adviser, so the 404 above is about the role.
    const adviser = await pageAs("adviser");
    expect((await adviser.goto("/newsroom/staff"))?.status()).toBe(200);
    expect((await adviser.goto("/newsroom/settings"))?.status()).toBe(200);
  });

  test("a draft is not public", async ({ anonymousPage, storyAt }) => {
    const draft = await storyAt("DRAFT");
    const reader = await anonymousPage();
    const response = await reader.goto(`/articles/${draft.slug}`);
    expect(response?.status()).toBe(404);
    await expect(reader.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await reader.goto("/sections/world");
    await expect(reader.getByRole("link", { name: draft.headline })).toHaveCount(0);
  });
});
