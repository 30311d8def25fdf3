import { type APIResponse } from "@playwright/test";
import { createStory, expect, test, transition } from "./fixtures";

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

/** An error response in the documented shape, with its status. */
async function expectError(res: APIResponse, status: number, code?: string): Promise<ErrorBody["error"]> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  const body = JSON.parse(text) as ErrorBody;
  expect(typeof body.error.message, text).toBe("string");
  if (code) expect(body.error.code, text).toBe(code);
  return body.error;
}

test.describe("Admin API", () => {
  test("health check", async ({ anonymousApi }) => {
    const res = await anonymousApi.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("creating a story sanitises the body", async ({ apiAs, uid }) => {
    const writer = await apiAs("writer");
    const res = await writer.post("/api/v1/articles", {
      data: {
        headline: `Sanitised story (${uid})`,
        dek: "Scripts and script links never survive a save.",
        section: "news",
        body: '<p>Kept paragraph.</p><script>alert("xss")</script><p><a href="javascript:alert(1)">bad link</a> and <a href="https://example.org/">good link</a></p><img src=x onerror="alert(2)">',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const { article } = (await res.json()) as { article: { id: string; body: string; status: string; section: { slug: string } } };
    expect(article.status).toBe("DRAFT");
    expect(article.section.slug).toBe("news");
    for (const stored of [article.body, ((await (await writer.get(`/api/v1/articles/${article.id}`)).json()) as { article: { body: string } }).article.body]) {
      expect(stored).toContain("Kept paragraph.");
      expect(stored).toContain('href="https://example.org/"');
      expect(stored).not.toMatch(/<script|javascript:|onerror|alert/i);
    }
  });

  test("a save based on a stale version is refused and changes nothing", async ({ apiAs, uid }) => {
    const writer = await apiAs("writer");
    const story = await createStory(writer, { headline: `Versioned story (${uid})`, body: "<p>First version.</p>" });
    expect(story.version).toBe(1);

    const first = await writer.patch(`/api/v1/articles/${story.id}`, { data: { body: "<p>Second version.</p>", version: 1 } });
    expect(first.status(), await first.text()).toBe(200);
    expect(((await first.json()) as { article: { version: number } }).article.version).toBe(2);

    const stale = await writer.patch(`/api/v1/articles/${story.id}`, { data: { headline: "Overwritten", body: "<p>Stale overwrite.</p>", version: 1 } });
    await expectError(stale, 409, "CONFLICT");

    const now = ((await (await writer.get(`/api/v1/articles/${story.id}`)).json()) as { article: { headline: string; body: string; version: number } }).article;
    expect(now.version).toBe(2);
    expect(now.headline).toBe(story.headline);
    expect(now.body).toContain("Second version.");
    expect(now.body).not.toContain("Stale overwrite.");

    // The same body as the editor's ProseMirror document saves the same way (issue 16).
    const asDoc = await writer.patch(`/api/v1/articles/${story.id}`, {
      data: { bodyJson: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Second version, as a document." }] }] }, version: 2 },
    });
    expect(asDoc.status(), await asDoc.text()).toBe(200);
    expect(((await asDoc.json()) as { article: { body: string; version: number } }).article).toMatchObject({ body: "<p>Second version, as a document.</p>", version: 3 });
  });

  test("bad input gets a 4xx with a reason, never a 500", async ({ apiAs, uid }) => {
    const writer = await apiAs("writer");
    const story = await createStory(writer, { headline: `Bad input target (${uid})` });

    const empty = await expectError(await writer.post("/api/v1/articles", { data: { headline: "   ", body: "<p>No headline.</p>" } }), 422, "VALIDATION");
    expect(empty.fields?.headline).toBeTruthy();

    const section = await expectError(await writer.post("/api/v1/articles", { data: { headline: `Nowhere (${uid})`, section: "no-such-section" } }), 422, "VALIDATION");
    expect(section.fields?.section).toBeTruthy();

    const huge = await writer.post("/api/v1/articles", { data: { headline: `Huge (${uid})`, body: `<p>${"x".repeat(10 * 1024 * 1024)}</p>` } });
    expect(huge.status()).toBeGreaterThanOrEqual(400);
    expect(huge.status()).toBeLessThan(500);

    const action = await expectError(await writer.post(`/api/v1/articles/${story.id}/transitions`, { data: { action: "teleport" } }), 422, "VALIDATION");
    expect(action.fields?.action).toBeTruthy();

    await expectError(await writer.get("/api/v1/articles/not-an-id!"), 404, "NOT_FOUND");
    await expectError(await writer.patch("/api/v1/articles/not_an_id", { data: { headline: "x", version: 1 } }), 404, "NOT_FOUND");
    await expectError(await writer.post("/api/v1/articles/not-an-id/transitions", { data: { action: "submit" } }), 404, "NOT_FOUND");
    await expectError(await writer.get("/api/v1/articles/doesnotexist0000"), 404, "NOT_FOUND");

    const json = { "Content-Type": "application/json" };
    await expectError(await writer.post("/api/v1/articles", { headers: json, data: '{"headline": "Broken' }), 400, "BAD_REQUEST");
    await expectError(await writer.patch(`/api/v1/articles/${story.id}`, { headers: json, data: "[1, 2, 3]" }), 400, "BAD_REQUEST");
    const noVersion = await expectError(await writer.patch(`/api/v1/articles/${story.id}`, { data: { headline: "No version" } }), 422, "VALIDATION");
    expect(noVersion.fields?.version).toBeTruthy();
    // The editor's document form of the body is checked against the story schema (issue 16).
    const misfit = await expectError(
      await writer.patch(`/api/v1/articles/${story.id}`, { data: { version: 1, bodyJson: { type: "doc", content: [{ type: "iframe", attrs: { src: "https://example.org" } }] } } }),
      422,
      "VALIDATION",
    );
    expect(misfit.fields?.body).toMatch(/does not fit the editor's format/);

    // None of it touched the story, and the server is still up.
    const after = ((await (await writer.get(`/api/v1/articles/${story.id}`)).json()) as { article: { version: number; headline: string } }).article;
    expect(after).toMatchObject({ version: 1, headline: story.headline });
  });

  test("transitions: 403 for the wrong role, 409 for the wrong state, 422 for bad input", async ({ apiAs, uid }) => {
    const writer = await apiAs("writer");
    const adviser = await apiAs("adviser");
    const story = await createStory(writer, { headline: `Transition errors (${uid})` });

    // A story in draft cannot be approved, even by the adviser.
    await expectError(await adviser.post(`/api/v1/articles/${story.id}/transitions`, { data: { action: "approve" } }), 409, "INVALID_TRANSITION");

    await transition(writer, story.id, "submit");
    // A writer may not approve, not even their own story.
    await expectError(await writer.post(`/api/v1/articles/${story.id}/transitions`, { data: { action: "approve" } }), 403, "FORBIDDEN");
    // Requesting changes needs a note the writer can act on.
    for (const data of [{ action: "request_changes" }, { action: "request_changes", note: "   " }]) {
      const error = await expectError(await adviser.post(`/api/v1/articles/${story.id}/transitions`, { data }), 422, "VALIDATION");
      expect(error.fields?.note).toBeTruthy();
    }
    const when = await expectError(
      await adviser.post(`/api/v1/articles/${story.id}/transitions`, { data: { action: "publish", publishAt: "next tuesday" } }),
      422,
      "VALIDATION",
    );
    expect(when.fields?.publishAt).toBeTruthy();

    const current = ((await (await writer.get(`/api/v1/articles/${story.id}`)).json()) as { article: { status: string } }).article;
    expect(current.status).toBe("SUBMITTED");
  });

  test("a scheduled story goes live on its own", async ({ apiAs, anonymousApi, storyAt }) => {
    const approved = await storyAt("APPROVED");
    const adviser = await apiAs("adviser");
    const publishAt = new Date(Date.now() + 3_000).toISOString();

    const scheduled = await transition(adviser, approved.id, "publish", { publishAt });
    expect(scheduled.status).toBe("SCHEDULED");
    expect((await anonymousApi.get(`/articles/${approved.slug}`)).status()).toBe(404);

    // Reader pages are cached for a minute; the scheduler revalidates them as it publishes.
    await expect.poll(async () => (await anonymousApi.get(`/articles/${approved.slug}`)).status(), { timeout: 15_000, intervals: [500] }).toBe(200);
    await expect.poll(async () => (await (await anonymousApi.get("/")).text()).includes(approved.headline), { timeout: 10_000, intervals: [500] }).toBe(true);
    const live = ((await (await adviser.get(`/api/v1/articles/${approved.id}`)).json()) as { article: { status: string; publishedAt: string } }).article;
    expect(live.status).toBe("PUBLISHED");
    expect(Date.parse(live.publishedAt)).toBe(Date.parse(publishAt));
  });
});
