import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { E2E_DIST_DIR } from "../playwright.config";
import { createStory, expect, listMediaIds, publishStory, readAleppo, statusBadge, test, transition, uploadMedia, workflow } from "./fixtures";

/**
 * The reader's paper (issue #4), as a signed-out reader and a crawler see it: the Aleppo story
 * page with its byline, photo and structured data; a fresh story reaching every public surface
 * and leaving all of them when it is unpublished; drafts kept out of search; uploads that are
 * not usable images refused; alt text required to publish; caching headers.
 */

const ALEPPO_PATH = "/articles/syrian-insurgents-enter-aleppo";
/** How long a change may take to reach readers ("within a few seconds"). */
const FRESH_MS = 10_000;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

async function textOf(api: APIRequestContext, path: string): Promise<{ status: number; text: string }> {
  const res = await api.get(path, { maxRedirects: 0 });
  return { status: res.status(), text: await res.text() };
}

/** The RSS <item> whose <link> is `url`, or null. */
function feedItem(xml: string, url: string): string | null {
  return xml.split("<item>").slice(1).find((item) => item.includes(`<link>${url}</link>`)) ?? null;
}

/** A solid-colour PNG, decoded and checked by sharp like any upload. */
function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#2a6f97" } }).png().toBuffer();
}

/** The smallest well-formed PDF: what a student exports from a word processor, in spirit. */
function pdf(): Buffer {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

async function metaContent(page: Page, attribute: "property" | "name", key: string): Promise<string | null> {
  const tag = page.locator(`head meta[${attribute}="${key}"]`);
  await expect(tag, `<meta ${attribute}="${key}">`).toHaveCount(1);
  return tag.getAttribute("content");
}

test("the Aleppo story page: byline with grade, lead photo with alt, caption and credit, JSON-LD, Open Graph and Twitter tags", async ({
  anonymousPage,
  anonymousApi,
  baseURL,
}) => {
  const aleppo = readAleppo();
  const reader = await anonymousPage();
  const response = await reader.goto(ALEPPO_PATH);
  expect(response?.status()).toBe(200);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(aleppo.title);

  // Byline: the public name linking to the author page, then the grade.
  const byline = reader.getByTestId("byline");
  await expect(byline).toHaveText(`By ${aleppo.author} / ${aleppo.grade}`);
  const authorLink = byline.getByRole("link", { name: aleppo.author, exact: true });
  await expect(authorLink).toHaveAttribute("href", /^\/authors\/[a-z0-9-]+$/);
  const authorPath = (await authorLink.getAttribute("href"))!;

  // The lead photo: described for screen readers, actually loaded, captioned and credited.
  const figure = reader.getByTestId("lead-image");
  const photo = figure.getByRole("img");
  expect(aleppo.image.description).not.toBe("");
  await expect(photo).toHaveAttribute("alt", aleppo.image.description);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
  const caption = figure.locator("figcaption");
  await expect(caption).toContainText(`Credit: ${aleppo.image.credit}`);
  expect(aleppo.image.credit).toBe("Pixabay");
  const captionText = ((await caption.textContent()) ?? "").replace(`Credit: ${aleppo.image.credit}`, "").trim();
  expect(captionText.length, "a caption besides the credit").toBeGreaterThan(10);

  // Structured data: one NewsArticle with what search engines need.
  const ldScripts = reader.locator('script[type="application/ld+json"]');
  await expect(ldScripts).toHaveCount(1);
  const ld = JSON.parse((await ldScripts.textContent())!) as Record<string, unknown>;
  expect(ld["@context"]).toBe("https://schema.org");
  expect(ld["@type"]).toBe("NewsArticle");
  expect(ld.headline).toBe(aleppo.title);
  const published = Date.parse(String(ld.datePublished));
  const modified = Date.parse(String(ld.dateModified));
  expect(published, "datePublished is a date").not.toBeNaN();
  expect(modified, "dateModified is a date").not.toBeNaN();
  expect(modified).toBeGreaterThanOrEqual(published);
  const authors = [ld.author].flat() as { "@type": string; name: string; url?: string }[];
  expect(authors).toEqual([expect.objectContaining({ "@type": "Person", name: aleppo.author, url: `${baseURL}${authorPath}` })]);
  const images = [ld.image].flat() as string[];
  expect(images.length).toBeGreaterThan(0);
  const publisher = ld.publisher as { "@type": string; name: string };
  expect(publisher["@type"]).toMatch(/Organization$/);
  expect(publisher.name).toBe(await metaContent(reader, "property", "og:site_name"));
  expect(publisher.name.length).toBeGreaterThan(0);

  // Open Graph, Twitter card and the canonical URL.
  const canonical = reader.locator('head link[rel="canonical"]');
  await expect(canonical).toHaveCount(1);
  await expect(canonical).toHaveAttribute("href", `${baseURL}${ALEPPO_PATH}`);
  expect(await metaContent(reader, "property", "og:title")).toBe(aleppo.title);
  expect(await metaContent(reader, "property", "og:type")).toBe("article");
  expect(await metaContent(reader, "property", "og:url")).toBe(`${baseURL}${ALEPPO_PATH}`);
  const ogImage = (await metaContent(reader, "property", "og:image"))!;
  expect(ogImage).toMatch(/^https?:\/\//);
  expect(images).toContain(ogImage);
  expect(await metaContent(reader, "name", "twitter:card")).toBe("summary_large_image");
  // The image the cards point at is really there, and really an image.
  const imageRes = await anonymousApi.get(ogImage);
  expect(imageRes.status()).toBe(200);
  expect(imageRes.headers()["content-type"]).toMatch(/^image\//);

  // The author page lists the story; neither page shows an email address, in the page or in its payload.
  expect((await textOf(anonymousApi, ALEPPO_PATH)).text).not.toMatch(EMAIL);
  await authorLink.click();
  await expect(reader).toHaveURL(authorPath);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(aleppo.author);
  await expect(reader.getByText(aleppo.grade, { exact: true })).toBeVisible();
  // Author pages paginate (12 a page); other specs publish newer stories by the same writer, so
  // the Aleppo story may be a page or two further on: follow "Older stories" until it shows.
  const aleppoLink = reader.getByRole("link", { name: aleppo.title, exact: true });
  for (let pages = 1; (await aleppoLink.count()) === 0 && pages < 10; pages++) {
    await reader.getByRole("link", { name: "Older stories →" }).click();
    await expect(reader.getByRole("heading", { level: 1 })).toHaveText(aleppo.author);
  }
  await expect(aleppoLink).toHaveAttribute("href", ALEPPO_PATH);
  await reader.goto(authorPath);
  expect(await reader.content()).not.toMatch(EMAIL);
  await expect(reader.locator("body")).not.toContainText("@");
  const authorHttp = await textOf(anonymousApi, authorPath);
  expect(authorHttp.status).toBe(200);
  expect(authorHttp.text).toContain(aleppo.author);
  expect(authorHttp.text).not.toMatch(EMAIL);
});

test("a published story reaches the front page, its section, search, feeds and sitemap, and unpublishing takes it off all of them", async ({
  apiAs,
  pageAs,
  anonymousPage,
  anonymousApi,
  baseURL,
  uid,
}) => {
  test.slow(); // two browsers, two waits for the cache, a dozen page loads
  const word = `quokka${uid}`;
  const section = { slug: "features", name: "Features" };
  const headline = `Library opens ${word} reading room`;
  const story = await publishStory(await apiAs("writer"), await apiAs("adviser"), {
    headline,
    section: section.slug,
    dek: "Late hours for exam season.",
    body: `<p>The ${word} reading room opens on Monday with late hours for exam season.</p><p>Students can reserve tables at the front desk.</p>`,
  });
  const storyPath = `/articles/${story.slug}`;
  const storyUrl = `${baseURL}${storyPath}`;

  /** Where a published story must show up, and how to tell it is there (over HTTP, as a crawler reads). */
  const surfaces: { path: string; lists: (text: string) => boolean }[] = [
    { path: "/", lists: (html) => html.includes(`href="${storyPath}"`) },
    { path: `/sections/${section.slug}`, lists: (html) => html.includes(`href="${storyPath}"`) },
    { path: `/search?q=${word}`, lists: (html) => html.includes(`href="${storyPath}"`) },
    // Feeds carry the full text, so the word in the body is there too.
    { path: "/feed.xml", lists: (xml) => feedItem(xml, storyUrl)?.includes(`The ${word} reading room opens on Monday`) ?? false },
    { path: `/sections/${section.slug}/feed.xml`, lists: (xml) => feedItem(xml, storyUrl)?.includes(`The ${word} reading room opens on Monday`) ?? false },
    // /sitemap.xml is a sitemap index (at most 50,000 addresses per file); a test paper's stories all fit in the first file.
    { path: "/sitemaps/stories-1.xml", lists: (xml) => xml.includes(`<loc>${storyUrl}</loc>`) },
  ];
  const listing = async () => Object.fromEntries(await Promise.all(surfaces.map(async (s) => [s.path, s.lists((await textOf(anonymousApi, s.path)).text)] as const)));
  const everywhere = (value: boolean) => Object.fromEntries(surfaces.map((s) => [s.path, value]));

  await expect.poll(listing, { timeout: FRESH_MS, intervals: [250, 500, 1000] }).toEqual(everywhere(true));
  const index = (await textOf(anonymousApi, "/sitemap.xml")).text;
  expect(index).toContain("<sitemapindex");
  expect(index).toContain(`<loc>${baseURL}/sitemaps/stories-1.xml</loc>`);
  expect(index).toContain(`<loc>${baseURL}/sitemaps/pages.xml</loc>`);

  // A reader in a browser sees it too: on the front page, in its section, in search, and on its own page.
  const reader = await anonymousPage();
  await reader.goto("/");
  await expect(reader.getByRole("link", { name: headline, exact: true })).toBeVisible();
  await reader.goto(`/sections/${section.slug}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(section.name);
  await expect(reader.getByRole("link", { name: headline, exact: true })).toBeVisible();
  await reader.goto(`/search?q=${word}`);
  await expect(reader.getByRole("status")).toHaveText(`1 story matches “${word}”.`);
  const results = reader.getByTestId("search-results");
  await expect(results.getByRole("link", { name: headline, exact: true })).toBeVisible();
  await expect(results.locator("mark").first()).toHaveText(word);
  await results.getByRole("link", { name: headline, exact: true }).click();
  await expect(reader).toHaveURL(storyPath);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(headline);

  // The adviser unpublishes it in the newsroom: a reason is required.
  const adviser = await pageAs("adviser");
  await adviser.goto(`/newsroom/articles/${story.id}`);
  await expect(statusBadge(adviser, "Published")).toBeVisible();
  await workflow(adviser).getByRole("button", { name: "Unpublish" }).click();
  await expect(workflow(adviser).getByRole("alert")).toHaveText("Give a reason for unpublishing.");
  await expect(statusBadge(adviser, "Published")).toBeVisible();
  expect((await textOf(anonymousApi, storyPath)).status, "refused unpublish leaves the story up").toBe(200);
  await workflow(adviser).getByLabel("Note", { exact: true }).fill(`Published before the library confirmed the date (${uid}).`);
  await workflow(adviser).getByRole("button", { name: "Unpublish" }).click();
  await expect(statusBadge(adviser, "Unpublished")).toBeVisible();

  // Within seconds it is gone from every surface, and its page answers 404.
  await expect.poll(listing, { timeout: FRESH_MS, intervals: [250, 500, 1000] }).toEqual(everywhere(false));
  await expect.poll(async () => (await textOf(anonymousApi, storyPath)).status, { timeout: FRESH_MS, intervals: [250, 500, 1000] }).toBe(404);

  // And the reader's browser agrees.
  expect((await reader.goto("/"))?.status()).toBe(200);
  await expect(reader.getByRole("article").first()).toBeVisible(); // the front page, with its other stories
  await expect(reader.getByRole("link", { name: headline, exact: true })).toHaveCount(0);
  await reader.goto(`/sections/${section.slug}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(section.name);
  await expect(reader.getByRole("link", { name: headline, exact: true })).toHaveCount(0);
  await reader.goto(`/search?q=${word}`);
  await expect(reader.getByRole("status")).toHaveText(`No stories match “${word}”.`);
  expect((await reader.goto(storyPath))?.status()).toBe(404);
  await expect(reader.getByRole("heading", { name: headline })).toHaveCount(0);
});

test("stories that are not published never appear in search", async ({ apiAs, anonymousPage, anonymousApi, storyAt, uid }) => {
  const word = `wombat${uid}`;
  const writer = await apiAs("writer");
  const draft = await createStory(writer, { headline: `Draft about the ${word} mascot`, section: "news", body: `<p>The ${word} mascot is still a secret.</p>` });
  expect(draft.status).toBe("DRAFT");
  const inReview = await storyAt("SUBMITTED", `Submitted piece on the ${word} mascot`);
  const approved = await storyAt("APPROVED", `Approved piece on the ${word} mascot`);

  const reader = await anonymousPage();
  await reader.goto(`/search?q=${word}`);
  await expect(reader.getByRole("status")).toHaveText(`No stories match “${word}”.`);
  await expect(reader.getByTestId("search-results").getByRole("listitem")).toHaveCount(0);
  const html = (await textOf(anonymousApi, `/search?q=${word}`)).text;
  for (const hidden of [draft, inReview, approved]) {
    expect(html).not.toContain(`/articles/${hidden.slug}`);
    expect((await textOf(anonymousApi, `/articles/${hidden.slug}`)).status).toBe(404);
  }

  // The same search finds the approved story once it is published, and still not the draft.
  await transition(await apiAs("adviser"), approved.id, "publish");
  await expect
    .poll(async () => (await textOf(anonymousApi, `/search?q=${word}`)).text.includes(`href="/articles/${approved.slug}"`), { timeout: FRESH_MS })
    .toBe(true);
  await reader.reload();
  await expect(reader.getByRole("status")).toHaveText(`1 story matches “${word}”.`);
  await expect(reader.getByTestId("search-results").getByRole("listitem")).toHaveCount(1);
  await expect(reader.getByTestId("search-results").getByRole("link", { name: approved.headline, exact: true })).toBeVisible();
});

test("uploads that are not usable images are refused with a clear message, and nothing is stored", async ({ pageAs, apiAs, uid }) => {
  test.slow(); // builds a 42-megapixel image and sends a 21 MB file
  const api = await apiAs("writer");
  const before = await listMediaIds(api);
  const page = await pageAs("writer");
  await page.goto("/newsroom/media");
  await expect(page.getByRole("heading", { level: 1, name: "Media library" })).toBeVisible();
  const libraryCount = await page.getByRole("list", { name: "Images" }).getByRole("listitem").count();
  expect(libraryCount).toBe(before.length);

  const files = [
    // A text file renamed to look like a photo: judged by its bytes, not its name or type.
    { name: `photo-${uid}.jpg`, mimeType: "image/jpeg", buffer: Buffer.from("These are my notes from the council meeting, not a photo.\n") },
    { name: `minutes-${uid}.pdf`, mimeType: "application/pdf", buffer: pdf() },
    // A real PNG over the 40-megapixel cap (7000 x 6000 = 42 MP).
    { name: `panorama-${uid}.png`, mimeType: "image/png", buffer: await png(7000, 6000) },
    // Over the 20 MB cap: JPEG magic bytes, then padding.
    { name: `huge-${uid}.jpg`, mimeType: "image/jpeg", buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(21 * 1024 * 1024, 1)]) },
  ];
  const expected = [
    "That file is not a JPEG, PNG, WebP or HEIC image.",
    "That file is not a JPEG, PNG, WebP or HEIC image.",
    "That image is over 40 megapixels. Resize it and try again.",
    /^That file is over 20 MB\./,
  ];
  await page.getByLabel("Choose photos").setInputFiles(files);
  const uploads = page.getByRole("list", { name: "Uploads" });
  for (const [i, file] of files.entries()) {
    const item = uploads.getByRole("listitem").filter({ hasText: file.name });
    await expect(item.getByRole("alert")).toHaveText(expected[i]!, { timeout: 20_000 });
    await expect(item.getByRole("status")).toHaveCount(0); // no "Uploaded."
  }
  await expect(page.getByRole("button", { name: "Clear list" })).toBeVisible(); // every upload finished

  // The browser refuses the 21 MB file before sending it; the server refuses it on its own too.
  const direct = await api.post("/api/v1/media", { multipart: { file: files[3]! } });
  expect(direct.status()).toBe(422);
  expect(((await direct.json()) as { error: { fields?: { file?: string } } }).error.fields?.file).toMatch(/^That file is over 20 MB\./);

  // Nothing was stored: the API lists the same images, and so does the library after a reload.
  expect(await listMediaIds(api)).toEqual(before);
  await page.reload();
  await expect(page.getByRole("list", { name: "Images" }).getByRole("listitem")).toHaveCount(before.length);
  for (const file of files) await expect(page.getByText(file.name)).toHaveCount(0);
});

test("a story whose photo has no alt text cannot be published until the alt text is written", async ({ apiAs, pageAs, anonymousApi, anonymousPage, uid }) => {
  const writer = await apiAs("writer");
  const adviser = await apiAs("adviser");
  const fileName = `gym-${uid}.png`;
  const photo = await uploadMedia(writer, { name: fileName, mimeType: "image/png", buffer: await png(800, 600) });
  expect(photo.alt).toBe("");
  const story = await createStory(writer, { headline: `New gym floor (${uid})`, section: "sports", body: "<p>The gym floor was replaced over the break.</p>" });
  const withPhoto = await writer.patch(`/api/v1/articles/${story.id}`, { data: { leadImageId: photo.id, version: story.version } });
  expect(withPhoto.status(), await withPhoto.text()).toBe(200);
  await transition(writer, story.id, "submit");
  await transition(adviser, story.id, "approve");

  const page = await pageAs("adviser");
  await page.goto(`/newsroom/articles/${story.id}`);
  await expect(page.getByText("No alt text yet: add it before publishing.")).toBeVisible();
  await workflow(page).getByRole("button", { name: "Publish", exact: true }).click();
  const refusal = workflow(page).getByRole("status");
  await expect(refusal).toContainText("alt text");
  await expect(refusal).toContainText(`${fileName} (lead image)`);
  await expect(statusBadge(page, "Approved")).toBeVisible();
  expect((await anonymousApi.get(`/articles/${story.slug}`)).status()).toBe(404);

  // With alt text written in the library, the same click publishes it, and readers get the description.
  const alt = "The new maple floor of the school gym, with fresh court lines.";
  const described = await adviser.patch(`/api/v1/media/${photo.id}`, { data: { alt } });
  expect(described.status(), await described.text()).toBe(200);
  await page.reload();
  await workflow(page).getByRole("button", { name: "Publish", exact: true }).click();
  await expect(statusBadge(page, "Published")).toBeVisible();
  const reader = await anonymousPage();
  await expect.poll(async () => (await reader.goto(`/articles/${story.slug}`))?.status(), { timeout: FRESH_MS }).toBe(200);
  await expect(reader.getByTestId("lead-image").getByRole("img")).toHaveAttribute("alt", alt);
});

test("reader pages may be held by a shared cache; newsroom pages may not", async ({ anonymousApi, apiAs }) => {
  const shared = /(^|,\s*)s-maxage=\d+/;
  const swr = /(^|,\s*)stale-while-revalidate=\d+/;
  for (const path of ["/", ALEPPO_PATH, "/sections/world", "/search?q=aleppo"]) {
    const res = await anonymousApi.get(path);
    expect(res.status(), path).toBe(200);
    const cacheControl = res.headers()["cache-control"] ?? "";
    expect(cacheControl, `${path}: ${cacheControl}`).toMatch(shared);
    expect(cacheControl, `${path}: ${cacheControl}`).toMatch(swr);
    expect(cacheControl, `${path}: ${cacheControl}`).not.toMatch(/private|no-store|no-cache/);
    expect(res.headers()["set-cookie"], `${path} sets no cookie`).toBeUndefined();
    // The server's page cache (scripts/serve.ts) answers a repeat from memory within its 1 s.
    const again = await anonymousApi.get(path);
    expect(again.headers()["x-masthead-cache"], `${path} again`).toBe("HIT");
    expect(await again.text()).toBe(await res.text());
  }

  const staff = await apiAs("editor");
  for (const [api, path] of [
    [staff, "/newsroom"],
    [staff, "/newsroom/media"],
    [staff, "/newsroom/articles/new"],
    [anonymousApi, "/login"],
  ] as const) {
    const res = await api.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    const cacheControl = res.headers()["cache-control"] ?? "";
    expect(cacheControl, `${path}: ${cacheControl}`).toMatch(/private|no-store/);
    expect(cacheControl, `${path}: ${cacheControl}`).not.toMatch(/s-maxage|public/);
    expect(res.headers()["x-masthead-cache"], `${path} is never answered from the page cache`).toBeUndefined();
  }
});

test("rendered reader pages are kept in memory, never written into the build folder", async ({ anonymousApi, apiAs, uid }) => {
  // Next wrote seven files and a folder per page it rendered under <distDir>/server/route-cache,
  // in the request, and that folder grew with every story a reader or a crawler ever opened.
  const writerApi = await apiAs("writer");
  const story = await publishStory(writerApi, await apiAs("adviser"), { headline: `Kept in memory (${uid})`, section: "world", body: "<p>Rendered once, held in memory.</p>" });
  for (const page of [`/articles/${story.slug}`, "/sections/world", ALEPPO_PATH]) {
    const res = await anonymousApi.get(page);
    expect(res.status(), page).toBe(200);
  }
  const written: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else written.push(file);
    }
  };
  const server = path.join(process.cwd(), E2E_DIST_DIR, "server");
  expect(existsSync(path.join(server, "app")), `${server} is the running build`).toBe(true);
  walk(path.join(server, "route-cache"));
  expect(written.filter((f) => f.includes(story.slug)), "no file of the rendered story").toEqual([]);
  expect(written, "nothing under the route cache at all").toEqual([]);
});

test("uploaded media keeps its sandbox policy, and a path that is not valid UTF-8 is a clean 400, not a 500", async ({ apiAs, anonymousApi, uid }) => {
  const photo = await uploadMedia(await apiAs("writer"), { name: `sandbox-${uid}.png`, mimeType: "image/png", buffer: await png(640, 480) });
  const image = await anonymousApi.get(photo.urls.src);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
  for (const path of ["/media/%c0%ae%c0%ae/x", "/media/%c0%ae%c0%ae/%c0%ae%c0%ae/masthead.db", "/media/ab/%ff/640.webp"]) {
    const res = await anonymousApi.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(res.headers()["content-security-policy"], path).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(await res.text(), path).toMatch(/^Bad request/);
  }
});

test("a taken-down page cannot linger in caches: seconds of stale copy, and no cached query variants", async ({ anonymousApi, uid }) => {
  const res = await anonymousApi.get(ALEPPO_PATH);
  const cacheControl = res.headers()["cache-control"] ?? "";
  const stale = Number(/stale-while-revalidate=(\d+)/.exec(cacheControl)?.[1] ?? Infinity);
  expect(stale, cacheControl).toBeLessThanOrEqual(10);
  const variant = `${ALEPPO_PATH}?utm_source=${uid}`;
  for (let i = 0; i < 2; i++) {
    const again = await anonymousApi.get(variant);
    expect(again.status()).toBe(200);
    expect(again.headers()["x-masthead-cache"], `${variant}, request ${i + 1}`).not.toBe("HIT");
  }
});
