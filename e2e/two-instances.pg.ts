import { existsSync, readdirSync } from "node:fs";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { fixture } from "../lib/media/fixtures/craft-heic";
import { E2E_DATA_DIRS, E2E_SECOND_URL } from "../playwright.pg.config";
import { storyDocx } from "./docx-import.fixtures";
import { createStory, demoCredentials, expect, type MediaItem, readAleppo, signIn, test, uploadMedia } from "./fixtures";
import { addAdviser, enrol, enterCode, totp } from "./two-factor.fixtures";
import { getArticle, openStory, patchStory, SAVED, saveStatus, serverText, storyBody, typeNewParagraph } from "./never-lose-a-word.fixtures";

/**
 * Two app instances on one PostgreSQL database (playwright.pg.config.ts): the first on the
 * specs' baseURL, the second on E2E_SECOND_URL, each with its own data directory and build, as
 * two servers behind a load balancer. Whatever one instance acknowledges, the other reads at
 * once, and a save from a stale version is refused whichever instance it reaches; photos,
 * staged imports and sessions are in the database, so either instance serves and accepts them.
 */

const IMMUTABLE = "public, max-age=31536000, immutable";
/** What add-imported-image and skip-imported-image answer for a photo already decided (lib/use-cases/imports/staged-import.ts GONE). */
const ALREADY_DECIDED = "That photo was already added or skipped, or the import expired (after a day). Import the document again to get it back.";

/** A media-library image with its srcsets (lib/validation/media.ts TMediaUrls). */
type WithSets = MediaItem & { urls: { srcSetWebp: string; srcSetAvif: string } };

/** Every rendition URL of an image: the JPEG fallback and each WebP and AVIF width. */
function renditionUrls(media: WithSets): string[] {
  const fromSet = (set: string) => set.split(",").map((entry) => entry.trim().split(/\s+/)[0]!);
  return [media.urls.src, ...fromSet(media.urls.srcSetWebp), ...fromSet(media.urls.srcSetAvif)];
}

/** Each rendition, fetched from both instances by readers: the same bytes, type, ETag and immutable caching. */
async function expectServedAlikeByBoth(first: APIRequestContext, second: APIRequestContext, urls: string[]) {
  expect(urls.length).toBeGreaterThan(2);
  for (const url of urls) {
    const [a, b] = await Promise.all([first.get(url), second.get(url)]);
    expect(a.status(), `${url} on the first instance`).toBe(200);
    expect(b.status(), `${url} on the second instance`).toBe(200);
    const [bytesA, bytesB] = await Promise.all([a.body(), b.body()]);
    expect(bytesA.length).toBeGreaterThan(100);
    expect(bytesB.equals(bytesA), `${url}: the same bytes from both instances`).toBe(true);
    for (const header of ["cache-control", "content-type", "etag", "content-length"]) expect(b.headers()[header], `${url} ${header}`).toBe(a.headers()[header]);
    expect(b.headers()["cache-control"]).toBe(IMMUTABLE);
  }
}

/** The caller's media library, searched by file name. */
async function mediaNamed(api: APIRequestContext, q: string): Promise<WithSets[]> {
  const res = await api.get(`/api/v1/media?q=${encodeURIComponent(q)}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { media: WithSets[] }).media;
}

test("a save on one instance is what the other reads, and a stale save is refused on either", async ({ apiAs, browser, playwright, uid }) => {
  const writerOnFirst = await apiAs("writer");
  const adviserOnSecond = await playwright.request.newContext({ baseURL: E2E_SECOND_URL });
  try {
    await signIn(adviserOnSecond, demoCredentials("adviser"));
    const story = await createStory(writerOnFirst, { headline: `Two servers (${uid})`, section: "world", body: "<p>Filed on the first server.</p>" });

    // Created and saved on the first, read on the second: the same text and version.
    const firstLine = `Saved on the first server (${uid}).`;
    const saved = await patchStory(writerOnFirst, story.id, { body: `<p>Filed on the first server.</p><p>${firstLine}</p>`, version: story.version });
    expect(saved.version).toBe(story.version + 1);
    const read = await getArticle(adviserOnSecond, story.id);
    expect(read.version).toBe(saved.version);
    expect(await serverText(adviserOnSecond, story.id)).toContain(firstLine);

    // The second server refuses a save from the version the first has moved past.
    const stale = await adviserOnSecond.patch(`/api/v1/articles/${story.id}`, { data: { body: "<p>From an old copy.</p>", version: story.version } });
    expect(stale.status(), await stale.text()).toBe(409);
    expect(await serverText(writerOnFirst, story.id)).not.toContain("From an old copy.");

    // In the browser on the second server: the adviser's save is read back on the first.
    const context = await browser.newContext({ baseURL: E2E_SECOND_URL });
    try {
      await signIn(context.request, demoCredentials("adviser"));
      const page = await context.newPage();
      await openStory(page, story.id);
      await expect(storyBody(page)).toContainText(firstLine);
      const secondLine = `Saved on the second server (${uid}).`;
      await typeNewParagraph(page, secondLine);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(saveStatus(page)).toHaveText(SAVED);
      const afterBrowser = await getArticle(writerOnFirst, story.id);
      expect(afterBrowser.version).toBe(saved.version + 1);
      expect(await serverText(writerOnFirst, story.id)).toContain(secondLine);

      // The writer saves again on the first; the adviser's page on the second now holds an old
      // version, and its next save gets the conflict view instead of overwriting.
      const writersLine = `The writer's newer line (${uid}).`;
      await patchStory(writerOnFirst, story.id, { body: `${afterBrowser.body}<p>${writersLine}</p>`, version: afterBrowser.version });
      await typeNewParagraph(page, `The adviser's late line (${uid}).`);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByTestId("conflict-view")).toBeVisible();
      await expect(page.getByTestId("conflict-theirs")).toContainText(writersLine);
      expect(await serverText(writerOnFirst, story.id)).toContain(writersLine);
    } finally {
      await context.close();
    }
  } finally {
    await adviserOnSecond.dispose();
  }
});

test("a .docx imported on one instance has its photos added and skipped on the other: in both libraries, served alike by both, decided once", async ({ pageAs, playwright, uid }) => {
  test.setTimeout(180_000);
  const aleppo = readAleppo();
  const [first, second, third] = aleppo.paragraphs;
  const alt = `Map of northern Syria showing the opposition advance on Aleppo (${uid})`;
  const file = { name: `aleppo-${uid}.docx`, mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: await storyDocx([first!, second!, third!]) };

  // The writer's browser is signed in on the first instance, which receives the import. The
  // photo decisions it sends then reach the second, as a load balancer would route them (with
  // the Host the browser used, as nginx forwards it), carrying the cookie the first minted.
  const page = await pageAs("writer");
  const decided: string[] = [];
  await page.route(/\/api\/v1\/import\/[^/]+\/images\/[^/]+$/, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const response = await route.fetch({ url: `${E2E_SECOND_URL}${url.pathname}`, headers: { ...request.headers(), "x-forwarded-host": url.host } });
    decided.push(`${request.method()} ${url.pathname.split("/").pop()} ${response.status()}`);
    await route.fulfill({ response });
  });

  await page.goto("/newsroom/articles/new");
  await page.getByLabel("Headline", { exact: true }).fill(`${aleppo.title} (${uid})`);
  const imported = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/import" && r.request().method() === "POST");
  await page.locator('input[type="file"][accept*=".docx"]').setInputFiles(file);
  const importResponse = await imported;
  expect(importResponse.status()).toBe(200);
  const { importId, images } = (await importResponse.json()) as { importId: string; images: { key: string }[] };
  expect(images.map((i) => i.key)).toEqual(["image-1", "image-2"]);
  await expect(page.getByText("Imported. Check the text, then save. Its 2 photos are below: add or skip each.")).toBeVisible({ timeout: 30_000 });

  const session = await page.context().storageState();
  const writerOnFirst = page.context().request;
  const writerOnSecond = await playwright.request.newContext({ baseURL: E2E_SECOND_URL, storageState: session });
  const readerOnFirst = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const readerOnSecond = await playwright.request.newContext({ baseURL: E2E_SECOND_URL });
  /** The same request sent to both instances: the same 404 from each. */
  const refusedByBoth = async (send: (api: APIRequestContext) => Promise<APIResponse>, message?: string) => {
    const answers: { code: string; message: string }[] = [];
    for (const api of [writerOnSecond, writerOnFirst]) {
      const res = await send(api);
      expect(res.status()).toBe(404);
      answers.push(((await res.json()) as { error: { code: string; message: string } }).error);
    }
    expect(answers[1]).toEqual(answers[0]);
    if (message) expect(answers[0]!.message).toBe(message);
  };
  const addMap = (api: APIRequestContext) => api.post(`/api/v1/import/${importId}/images/image-1`, { data: { alt, credit: "Pixabay" } });
  const skipPhoto = (api: APIRequestContext) => api.delete(`/api/v1/import/${importId}/images/image-2`);

  try {
    const panel = page.getByTestId("docx-images");
    const map = panel.getByRole("article", { name: "Photo 1 (PNG)" });
    await map.getByLabel("Alt text").fill(alt);
    await map.getByLabel("Credit").fill("Pixabay");
    await map.getByRole("button", { name: "Add to story" }).click();
    await expect(map.getByRole("status")).toHaveText("Added to the media library and to the story where it stood.");
    // Added again on either instance, while the import still waits for the other photo: already decided.
    await refusedByBoth(addMap, ALREADY_DECIDED);

    const photo = panel.getByRole("article", { name: "Photo 2 (JPEG)" });
    await photo.getByRole("button", { name: "Skip" }).click();
    await expect(photo.getByRole("status")).toHaveText("Skipped: this photo was not kept.");
    expect(decided).toEqual(["POST image-1 201", "DELETE image-2 204"]);
    await expect(storyBody(page).locator("figure img")).toHaveAttribute("alt", alt);
    // Every photo decided, so the import is gone: either decision again gets one answer from both.
    await refusedByBoth(skipPhoto);
    await refusedByBoth(addMap);

    // The map is in both instances' libraries, once, with its details; the skipped photo in neither.
    const onFirst = await mediaNamed(writerOnFirst, `aleppo-${uid}`);
    const onSecond = await mediaNamed(writerOnSecond, `aleppo-${uid}`);
    expect(onFirst.map((m) => [m.originalName, m.alt, m.credit])).toEqual([[`aleppo-${uid}-photo-1.png`, alt, "Pixabay"]]);
    expect(onSecond.map((m) => m.id)).toEqual(onFirst.map((m) => m.id));
    await expectServedAlikeByBoth(readerOnFirst, readerOnSecond, renditionUrls(onFirst[0]!));
    await expect(storyBody(page).locator("figure img")).toHaveAttribute("src", onFirst[0]!.urls.src);
  } finally {
    await Promise.all([writerOnSecond.dispose(), readerOnFirst.dispose(), readerOnSecond.dispose()]);
  }
});

test("a photo uploaded through /api/v1/media on one instance is served, byte for byte, by the other", async ({ apiAs, playwright, baseURL, uid }) => {
  test.setTimeout(120_000);
  const writerOnFirst = await apiAs("writer");
  const uploaded = (await uploadMedia(writerOnFirst, { name: `IMG-${uid}.HEIC`, mimeType: "image/heic", buffer: fixture("photo-3mp.heic") })) as WithSets;
  const writerOnSecond = await playwright.request.newContext({ baseURL: E2E_SECOND_URL });
  const readerOnFirst = await playwright.request.newContext({ baseURL });
  const readerOnSecond = await playwright.request.newContext({ baseURL: E2E_SECOND_URL });
  try {
    await signIn(writerOnSecond, demoCredentials("writer"));
    expect((await mediaNamed(writerOnSecond, `IMG-${uid}`)).map((m) => m.id)).toEqual([uploaded.id]);
    await expectServedAlikeByBoth(readerOnFirst, readerOnSecond, renditionUrls(uploaded));
  } finally {
    await Promise.all([writerOnSecond.dispose(), readerOnFirst.dispose(), readerOnSecond.dispose()]);
  }
});

test("a session cookie minted by one instance is accepted by the other, and signing out on the other ends it on both", async ({ browser, baseURL, playwright }) => {
  const context = await browser.newContext({ baseURL });
  try {
    await signIn(context.request, demoCredentials("writer"));
    const minted = await context.storageState();
    expect(minted.cookies.map((c) => c.name)).toContain("next-auth.session-token");

    // The newsroom on the second instance, with nothing but the first's cookie.
    const page = await context.newPage();
    await page.goto(`${E2E_SECOND_URL}/newsroom`);
    expect(new URL(page.url()).pathname).toBe("/newsroom");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    const onSecond = await playwright.request.newContext({ baseURL: E2E_SECOND_URL, storageState: minted });
    const copyOnFirst = await playwright.request.newContext({ baseURL, storageState: minted });
    try {
      expect((await onSecond.get("/api/v1/articles")).status()).toBe(200);
      expect((await copyOnFirst.get("/api/v1/articles")).status()).toBe(200);

      // Signed out on the second: the first refuses a copy of the same cookie (the session row is shared).
      const { csrfToken } = (await (await onSecond.get("/api/auth/csrf")).json()) as { csrfToken: string };
      expect((await onSecond.post("/api/auth/signout", { form: { csrfToken, json: "true" } })).status()).toBeLessThan(400);
      expect((await copyOnFirst.get("/api/v1/articles")).status()).toBe(401);
    } finally {
      await Promise.all([onSecond.dispose(), copyOnFirst.dispose()]);
    }
  } finally {
    await context.close();
  }
});

test("an authenticator set up on one instance opens a sign-in on the other (one key seals and opens it)", async ({ browser, pageAs, uid }) => {
  test.setTimeout(90_000);
  const demo = await pageAs("adviser");
  const adviser = await addAdviser(demo, uid, "Two Servers Adviser");
  const onFirst = await pageAs(adviser);
  await onFirst.goto("/two-factor/enrol");
  const { secret } = await enrol(onFirst);

  // The authenticator's secret was sealed by the first instance; the second opens it to check the code.
  const context = await browser.newContext({ baseURL: E2E_SECOND_URL });
  try {
    await signIn(context.request, adviser);
    const onSecond = await context.newPage();
    await onSecond.goto("/newsroom");
    await enterCode(onSecond, totp(secret, 1));
    await expect(onSecond).toHaveURL(/\/newsroom$/);
    expect((await onSecond.request.get("/api/v1/articles")).status()).toBe(200);
  } finally {
    await context.close();
  }
});

test("neither instance has written to its own disk: photos, imports and sessions are all in the database", () => {
  // Runs after everything above (and, in the whole run, after the core specs): each data
  // directory was emptied when its instance started, and a second server would not see a file there.
  for (const dir of E2E_DATA_DIRS) expect(existsSync(dir) ? readdirSync(dir, { recursive: true }) : [], dir).toEqual([]);
});
