import { slugify } from "../lib/domain/slug";
import { expect, publishStory, test } from "./fixtures";

/**
 * A pen name hides the legal name everywhere a reader or a crawler looks (issue #12, finding 6):
 * the author page's address follows the public name, and the old address answers 404.
 */
test("once a pen name is approved, no byline link, JSON-LD, sitemap or staff page carries the legal-name slug", async ({ pageAs, apiAs, anonymousPage, anonymousApi, uid }) => {
  const surname = `Hwang${uid}`;
  const recruit = { name: `Yuna ${surname}`, email: `yuna.${uid}@e2e.test`, password: `temporary-${uid}` };
  const penName = `Quill ${uid}`;
  const legalSlug = slugify(recruit.name, 60);
  const secret = surname.toLowerCase();

  const adviser = await pageAs("adviser");
  await adviser.goto("/newsroom/staff");
  const form = adviser.getByRole("form", { name: "Add a staff member" });
  await form.getByLabel("Full name", { exact: true }).fill(recruit.name);
  await form.getByLabel("Email", { exact: true }).fill(recruit.email);
  await form.getByLabel("Role", { exact: true }).selectOption("WRITER");
  await form.getByLabel("Temporary password", { exact: true }).fill(recruit.password);
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toContainText(`Account created for ${recruit.email}`);

  // A story under the legal name first: its author page is at the legal-name address.
  const writer = await pageAs({ email: recruit.email, password: recruit.password });
  const story = await publishStory(writer.context().request, await apiAs("adviser"), { headline: `Under a pen name (${uid})`, section: "news" });
  await expect.poll(async () => (await anonymousApi.get(`/authors/${legalSlug}`)).status(), { timeout: 15_000 }).toBe(200);

  // The writer asks for a pen name; the adviser approves it.
  await writer.goto("/newsroom/account");
  await writer.getByLabel("How your name appears in public").selectOption("PEN_NAME");
  await writer.getByLabel("Pen name", { exact: true }).fill(penName);
  await writer.getByRole("button", { name: "Save profile" }).click();
  await expect(writer.getByText(`Your pen name “${penName}” is waiting for an adviser’s approval.`)).toBeVisible();
  await adviser.goto("/newsroom/staff");
  await adviser.getByRole("button", { name: `Approve pen name ${penName}` }).click();
  await expect(adviser.getByText(`Pen name “${penName}”: approved`)).toBeVisible();

  // The reader's view: the byline says the pen name and links to its address.
  const penSlug = slugify(penName, 60);
  const articlePath = `/articles/${story.slug}`;
  await expect
    .poll(async () => (await (await anonymousApi.get(articlePath)).text()).includes(`/authors/${penSlug}`), { timeout: 15_000, message: "the byline follows the pen name" })
    .toBe(true);
  const page = await anonymousPage();
  await page.goto(articlePath);
  const byline = page.getByRole("link", { name: penName });
  await expect(byline).toHaveAttribute("href", `/authors/${penSlug}`);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? "{}") as { author?: { name: string; url: string }[] };
  expect(jsonLd.author).toEqual([{ "@type": "Person", name: penName, url: expect.stringMatching(new RegExp(`/authors/${penSlug}$`)) }]);

  // Nowhere public carries the legal name or its slug; the old address is gone, with no redirect.
  for (const path of [articlePath, "/sitemap.xml", "/sitemaps/pages.xml", "/sitemaps/stories-1.xml", "/staff", `/authors/${penSlug}`]) {
    const res = await anonymousApi.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect((await res.text()).toLowerCase(), path).not.toContain(secret);
  }
  expect(await (await anonymousApi.get("/sitemaps/pages.xml")).text()).toContain(`/authors/${penSlug}`);
  expect((await anonymousApi.get(`/authors/${legalSlug}`, { maxRedirects: 0 })).status()).toBe(404);
});
