import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext } from "@playwright/test";
import { type Article, expect, loginAs, publishStory, readAleppo, test } from "./fixtures";

/**
 * Cross-site request forgery against the cookie-authenticated Admin API, from a REAL second
 * origin: a page served by another server on another port of 127.0.0.1. That is another origin
 * but the same site, so the browser sends the adviser's SameSite=Lax session cookie along.
 */

let attacker: Server;
let attackerOrigin: string;
/** The page the attacker serves at `/`, set by each test before the adviser visits it. */
let attackerPage = "";

test.beforeAll(async () => {
  attacker = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(attackerPage);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => attacker.close(() => resolve()));
});

async function findAleppo(api: APIRequestContext): Promise<Article> {
  const res = await api.get("/api/v1/articles?status=PUBLISHED");
  expect(res.status()).toBe(200);
  const { articles } = (await res.json()) as { articles: Article[] };
  const story = articles.find((a) => a.headline === readAleppo().title);
  expect(story, "the demo's Aleppo story is published").toBeTruthy();
  return story!;
}

async function statusOf(api: APIRequestContext, id: string): Promise<string> {
  const res = await api.get(`/api/v1/articles/${id}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { article: Article }).article.status;
}

async function headlines(api: APIRequestContext): Promise<string[]> {
  const res = await api.get("/api/v1/articles");
  return ((await res.json()) as { articles: Article[] }).articles.map((a) => a.headline);
}

test("a text/plain form auto-submitted from another port cannot unpublish the Aleppo story", async ({ page, apiAs, baseURL }) => {
  const adviserApi = await apiAs("adviser");
  const aleppo = await findAleppo(adviserApi);
  await loginAs(page, "adviser");

  // `{"action":"unpublish","note":"` = `"}`: a text/plain form body that is valid JSON.
  attackerPage = `<!doctype html><title>Free pizza</title>
    <form id="f" method="POST" enctype="text/plain" action="${baseURL}/api/v1/articles/${aleppo.id}/transitions">
      <input type="hidden" name='{"action":"unpublish","note":"Forged by another site","x":"' value='"}'>
    </form>
    <script>document.getElementById("f").submit();</script>`;
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/articles/${aleppo.id}/transitions`) && r.request().method() === "POST");
  await page.goto(attackerOrigin);
  const response = await answer;
  // The browser did send it, from the attacker's origin, with the cookie: the server refused it.
  expect((await response.request().allHeaders())["origin"]).toBe(attackerOrigin);
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("CROSS_ORIGIN");

  expect(await statusOf(adviserApi, aleppo.id)).toBe("PUBLISHED");
  const reader = await page.request.get("/articles/syrian-insurgents-enter-aleppo");
  expect(reader.status(), "readers still see the story").toBe(200);
});

test("a no-cors fetch from another port cannot create a story", async ({ page, apiAs, uid, baseURL }) => {
  const adviserApi = await apiAs("adviser");
  await loginAs(page, "adviser");
  const headline = `Forged across sites (${uid})`;

  attackerPage = `<!doctype html><title>Quiz</title>
    <script>
      fetch(${JSON.stringify(`${baseURL}/api/v1/articles`)}, {
        method: "POST", mode: "no-cors", credentials: "include",
        body: JSON.stringify({ headline: ${JSON.stringify(headline)}, body: "<p>Not by us.</p>" }),
      }).then(() => { document.title = "sent"; }, () => { document.title = "failed"; });
    </script>`;
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/articles") && r.request().method() === "POST");
  await page.goto(attackerOrigin);
  // The answer is opaque to the page, but the browser sent the request, cookie and all.
  expect((await answer).status()).toBe(403);
  await expect(page).toHaveTitle("sent");

  expect(await headlines(adviserApi)).not.toContain(headline);
});

test("the same requests from the app's own pages still work, and must declare JSON", async ({ page, apiAs, uid }) => {
  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  const story = await publishStory(writerApi, adviserApi, { headline: `Own-origin control (${uid})`, section: "world" });
  await loginAs(page, "adviser");
  await page.goto("/newsroom");

  const results = await page.evaluate(
    async ({ id, headline }) => {
      const post = async (path: string, body: unknown, type: string) => {
        const res = await fetch(path, { method: "POST", headers: { "content-type": type }, body: JSON.stringify(body) });
        return { status: res.status, code: res.ok ? null : ((await res.json()) as { error: { code: string } }).error.code, cache: res.headers.get("cache-control") };
      };
      return {
        // A form's content type is refused even from our own origin: only JSON is an API write.
        plain: await post(`/api/v1/articles/${id}/transitions`, { action: "unpublish", note: "Sent as text." }, "text/plain"),
        unpublish: await post(`/api/v1/articles/${id}/transitions`, { action: "unpublish", note: "Taken down for a correction." }, "application/json"),
        create: await post("/api/v1/articles", { headline, body: "<p>Filed from the newsroom.</p>" }, "application/json"),
      };
    },
    { id: story.id, headline: `Filed from our own origin (${uid})` },
  );
  expect(results.plain).toEqual({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE", cache: "no-store" });
  expect(results.unpublish).toEqual({ status: 200, code: null, cache: "no-store" });
  expect(results.create).toEqual({ status: 201, code: null, cache: "no-store" });
  expect(await statusOf(adviserApi, story.id)).toBe("UNPUBLISHED");
  expect(await headlines(adviserApi)).toContain(`Filed from our own origin (${uid})`);
});
