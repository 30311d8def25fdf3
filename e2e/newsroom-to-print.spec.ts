import type { APIRequestContext, Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import {
  completeAssignment,
  DEMO_GRADUATE,
  DEMO_PAST_VOLUME,
  DEMO_VOLUME,
  expect,
  openAssignedDraft,
  openAssignForm,
  readAleppo,
  sendPitch,
  statusBadge,
  test,
  USERS,
  workflow,
  writeAndSubmit,
} from "./fixtures";

/**
 * Issue 6 end to end: a pitch becomes an assignment, the writer files it, the editor who assigned
 * it puts it in an issue and approves it, and the adviser publishes it; the issue's PDF carries
 * its headline and byline; a correction reaches the story, its feed entry and /corrections; and
 * after a takedown decided as "anonymize", the name is gone from every public surface.
 */

/** The PDF's text, whitespace collapsed (pdfkit wraps long lines). */
async function pdfText(bytes: Buffer | Uint8Array): Promise<string> {
  expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe("%PDF-");
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

/** A public page's raw response (HTML with its meta tags and JSON-LD, or XML), as a reader gets it. */
async function fetchText(api: APIRequestContext, path: string): Promise<string> {
  const res = await api.get(path);
  expect(res.status(), path).toBe(200);
  return res.text();
}

/** The story's NewsArticle JSON-LD, parsed from the page. */
async function jsonLd(page: Page): Promise<{ headline: string; description?: string; author: { name: string }[] }> {
  const raw = await page.locator('script[type="application/ld+json"]').textContent();
  return JSON.parse(raw ?? "{}");
}

test("a pitch goes to print: assignment, draft, issue PDF, correction, and an anonymized name gone from every public page", async ({ pageAs, anonymousPage, anonymousApi, uid }) => {
  test.setTimeout(240_000);
  const title = `Robotics team qualifies (${uid})`;
  // The student who later asks to be taken out of the story; the surname is unique to this run.
  const surname = `Okafor${uid}`;
  const student = `Nadia ${surname}`;
  const replacement = "a former student";
  // Her name is in the headline, so in the story's address too, until the takedown.
  const headline = `${student} leads the robotics team to the national finals (${uid})`;
  const anonymizedHeadline = `${replacement} leads the robotics team to the national finals (${uid})`;
  const dek = `Team captain ${student} rebuilt the robot's arm twice before the regional final.`;
  const paragraphs = [
    "The robotics team won the regional championship on Saturday and will compete at the national finals in March.",
    `The team captain, ${student}, said the arm was rebuilt twice in the week before the final.`,
    `${surname} said the team will raise money for the trip with a bake sale.`,
  ];
  const correction = `An earlier version of this story gave the wrong month for the finals. ${student} says they are in March.`;
  const byline = `${USERS.writer.name} / ${readAleppo().grade}`;
  const deadline = `${new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)}T12:00`;
  const issue = { number: 100 + Math.floor(Math.random() * 800), title: `Spring finals ${uid}` };
  const volumeLabel = DEMO_VOLUME.label;

  // The writer pitches; the editor turns the pitch into an assignment for the writer.
  const writer = await pageAs("writer");
  await sendPitch(writer, { title, angle: "The team qualified for the nationals for the first time.", section: "News" });
  const editor = await pageAs("editor");
  await completeAssignment(editor, await openAssignForm(editor, title), { headline, writer: USERS.writer.name, deadline, targetWords: 300 });

  // The assigned writer drafts the story and submits it.
  const storyPath = await openAssignedDraft(writer, headline);
  await writeAndSubmit(writer, { dek, paragraphs });

  // The editor plans an issue, puts the story in it and approves it; the adviser publishes it.
  await editor.goto("/newsroom/issues");
  const issueForm = editor.getByRole("form", { name: "New issue" });
  await issueForm.getByLabel("Volume", { exact: true }).selectOption({ label: volumeLabel });
  await issueForm.getByLabel("Issue number", { exact: true }).fill(String(issue.number));
  await issueForm.getByLabel("Title", { exact: true }).fill(issue.title);
  await issueForm.getByLabel("Publication date (leave empty while planning)", { exact: true }).fill(new Date().toISOString().slice(0, 10));
  await issueForm.getByRole("button", { name: "Create issue" }).click();
  await expect(issueForm.getByRole("status")).toHaveText("Issue created.");
  await editor.goto(storyPath);
  const issueChoice = editor.getByRole("form", { name: "Issue", exact: true });
  await issueChoice.getByLabel("Runs in issue", { exact: true }).selectOption({ label: `${volumeLabel}, Issue ${issue.number}: ${issue.title}` });
  await issueChoice.getByRole("button", { name: "Save issue" }).click();
  await expect(issueChoice.getByRole("status")).toHaveText("Saved.");
  // The form shows the saved choice, before and after a reload.
  await expect(issueChoice.getByLabel("Runs in issue", { exact: true })).not.toHaveValue("");
  await editor.reload();
  await expect(issueChoice.getByLabel("Runs in issue", { exact: true })).not.toHaveValue("");

  // The editor who assigned the story reviews it like anyone else's: approve, but not withdraw.
  await expect(workflow(editor).getByRole("button", { name: "Approve", exact: true })).toBeVisible();
  await expect(workflow(editor).getByRole("button", { name: "Withdraw submission", exact: true })).toHaveCount(0);
  await workflow(editor).getByRole("button", { name: "Approve", exact: true }).click();
  await expect(statusBadge(editor, "Approved")).toBeVisible();
  const adviser = await pageAs("adviser");
  await adviser.goto(storyPath);
  await workflow(adviser).getByRole("button", { name: "Publish", exact: true }).click();
  await expect(statusBadge(adviser, "Published")).toBeVisible();
  const publicPath = await adviser.getByRole("link", { name: "View on the reader site" }).getAttribute("href");
  expect(publicPath).toMatch(/^\/articles\/[a-z0-9-]+$/);
  expect(publicPath).toContain(surname.toLowerCase());
  const slug = publicPath!.slice("/articles/".length);

  // A reader finds it, follows it to its issue and downloads the print edition.
  const reader = await anonymousPage();
  await reader.goto(publicPath!);
  await expect(reader.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  await expect(reader.getByRole("main")).toContainText(USERS.writer.name);
  await expect(reader.getByRole("main")).toContainText(paragraphs[1]!);
  await reader.getByRole("link", { name: `${volumeLabel}, ${issue.title}` }).click();
  await expect(reader.getByRole("heading", { level: 1, name: issue.title })).toBeVisible();
  const issuePath = new URL(reader.url()).pathname;
  const [download] = await Promise.all([reader.waitForEvent("download"), reader.getByRole("link", { name: "Download the print edition (PDF)" }).click()]);
  const { readFile } = await import("node:fs/promises");
  const printed = await pdfText(await readFile((await download.path())!));
  expect(printed).toContain(headline);
  expect(printed).toContain(byline);
  expect(printed).toContain(issue.title);
  expect(printed).toContain(student); // before the takedown, the print edition names her

  // The editor files a correction: on the story, in its feed entry, on /corrections.
  await editor.goto(storyPath);
  const correctionForm = editor.getByRole("form", { name: "Add a correction" });
  await correctionForm.getByLabel("Correction text", { exact: true }).fill(correction);
  await correctionForm.getByRole("button", { name: "Add correction" }).click();
  await expect(correctionForm.getByRole("status")).toContainText("Correction added.");
  await expect(async () => {
    await reader.goto(publicPath!);
    await expect(reader.getByTestId("corrections")).toContainText(`Correction (`, { timeout: 1000 });
    await expect(reader.getByTestId("corrections")).toContainText(correction, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    const feed = await fetchText(anonymousApi, "/feed.xml");
    const item = feed.split("<item>").find((entry) => entry.includes(`/articles/${slug}</link>`));
    expect(item, "the story's feed entry").toBeDefined();
    expect(item).toContain(`<strong>Correction (`);
    expect(item).toContain(correction);
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    await reader.goto("/corrections");
    const entry = reader.getByTestId("corrections-list").getByRole("listitem").filter({ hasText: headline });
    await expect(entry, "on /corrections").toContainText(correction, { timeout: 1000 });
    await expect(entry.getByRole("link", { name: headline })).toHaveAttribute("href", publicPath!);
  }).toPass({ timeout: 30_000 });

  // Every public surface that will be checked names her now, so "gone" below means something.
  const surfaces = [publicPath!, "/", "/feed.xml", "/sections/news/feed.xml", "/authors/jaehoon-song", "/corrections", issuePath, `/search?q=${uid}`, "/sitemaps/pages.xml", "/sitemaps/stories-1.xml"];
  const named = new RegExp(surname, "i");
  await expect(async () => {
    for (const path of [publicPath!, "/feed.xml", "/sections/news/feed.xml", "/authors/jaehoon-song", "/corrections", issuePath]) {
      expect(await fetchText(anonymousApi, path), `${path} names her before the takedown`).toMatch(named);
    }
  }).toPass({ timeout: 30_000 });
  await reader.goto(`/search?q=${surname}`);
  await expect(reader.getByRole("link", { name: headline })).toBeVisible();

  // She asks to be taken out of the story: the editor records it, the adviser anonymizes.
  await editor.goto(storyPath);
  const request = editor.getByRole("form", { name: "Record a takedown request" });
  await request.getByLabel("Who asked", { exact: true }).fill(student);
  await request.getByLabel("Their reason", { exact: true }).fill("She has graduated and asks that her name be removed from the story.");
  await request.getByRole("button", { name: "Record request" }).click();
  await expect(request.getByRole("status")).toHaveText("Request recorded. An adviser decides it.");
  await adviser.goto(storyPath);
  const decision = adviser.getByRole("form", { name: "Decide the request" });
  await decision.getByLabel("Decision", { exact: true }).selectOption("ANONYMIZE");
  await decision.getByLabel("Name to remove (for anonymize)", { exact: true }).fill(student);
  await decision.getByLabel("Replace with", { exact: true }).fill(replacement);
  await decision.getByLabel("Reason for the decision", { exact: true }).fill("A private student who has graduated; the story stands without her name.");
  await decision.getByRole("button", { name: "Record decision" }).click();
  // The decided request replaces its form, with who decided what.
  // Her name is gone from the request too (she asked herself, so it now reads as the replacement).
  const decided = adviser.getByRole("region", { name: "Takedown requests" }).getByRole("listitem").filter({ hasText: `${replacement} asked on` });
  await expect(decided).toContainText(`Decision: anonymize by ${USERS.adviser.name}`);
  await expect(decided).toContainText(`(name replaced by “${replacement}”)`);
  await expect(adviser.getByRole("main")).not.toContainText(surname);

  // The story has a new address, from the anonymized headline; the old one, which names her, is gone
  // (404, not a redirect that would keep serving her name in a URL).
  await adviser.reload();
  const anonymizedPath = await adviser.getByRole("link", { name: "View on the reader site" }).getAttribute("href");
  expect(anonymizedPath).toMatch(/^\/articles\/a-former-student-leads-the-robotics-team-to-the-national-finals-[a-z0-9]+$/);
  const anonymizedSlug = anonymizedPath!.slice("/articles/".length);
  await expect.poll(async () => (await anonymousApi.get(publicPath!, { maxRedirects: 0 })).status(), { timeout: 30_000 }).toBe(404);
  expect((await reader.goto(publicPath!))?.status()).toBe(404);

  // Gone everywhere public: story page (meta tags, JSON-LD), front page, search, feeds, author page,
  // sitemap, corrections, the issue page and its PDF.
  const surfacesAfter = [anonymizedPath!, ...surfaces.filter((path) => path !== publicPath)];
  await expect(async () => {
    for (const path of surfacesAfter) expect(await fetchText(anonymousApi, path), `${path} after the takedown`).not.toMatch(named);
  }).toPass({ timeout: 30_000 });
  await reader.goto(anonymizedPath!);
  await expect(reader.getByRole("heading", { level: 1, name: anonymizedHeadline })).toBeVisible();
  await expect(reader.getByRole("main")).toContainText(`The team captain, ${replacement}, said`);
  await expect(reader.getByTestId("corrections")).toContainText(`${replacement} says they are in March`);
  const ld = await jsonLd(reader);
  expect(ld.headline).toBe(anonymizedHeadline);
  expect(ld.description).toBe(`Team captain ${replacement} rebuilt the robot's arm twice before the regional final.`);
  expect(ld.author.map((a) => a.name)).toEqual([USERS.writer.name]);
  const sitemap = await fetchText(anonymousApi, "/sitemaps/stories-1.xml");
  expect(sitemap).toContain(`/articles/${anonymizedSlug}</loc>`);
  expect(sitemap).not.toContain(`/articles/${slug}</loc>`);
  const feed = await fetchText(anonymousApi, "/feed.xml");
  expect(feed).toContain(`/articles/${anonymizedSlug}</link>`);
  await reader.goto(`/search?q=${surname}`);
  await expect(reader.getByText(`No stories match “${surname}”.`)).toBeVisible();
  await reader.goto(`/search?q=${uid}`);
  await expect(reader.getByRole("link", { name: anonymizedHeadline })).toBeVisible();
  const pdf = await anonymousApi.get(`${issuePath}/pdf`);
  expect(pdf.status()).toBe(200);
  const reprinted = await pdfText(await pdf.body());
  expect(reprinted).toContain(anonymizedHeadline);
  expect(reprinted).toContain(byline);
  expect(reprinted).not.toMatch(named);
  expect(reprinted).toContain(`The team captain, ${replacement}, said`);
});

test("an old volume's masthead still lists the graduate, with that year's grade", async ({ anonymousPage, pageAs }) => {
  const reader = await anonymousPage();
  await reader.goto("/staff");
  await expect(reader.getByRole("heading", { level: 1, name: "Staff of The Masthead Gazette" })).toBeVisible();
  await expect(reader.getByTestId("masthead-volume")).toHaveText(DEMO_VOLUME.label);
  await expect(reader.getByRole("region", { name: "Editor-in-Chief" })).toContainText(USERS.editor.name);
  await expect(reader.getByRole("main")).not.toContainText(DEMO_GRADUATE.fullName);
  // Today's masthead gives a student the grade the byline gives: Jaehoon Song is in Grade 11 on both.
  const byline = `${USERS.writer.name} / ${readAleppo().grade}`;
  await expect(reader.getByRole("region", { name: "Staff Writer" })).toContainText(byline);
  await reader.goto("/articles/syrian-insurgents-enter-aleppo");
  await expect(reader.getByRole("main")).toContainText(byline);
  await reader.goto("/staff");

  await reader.getByRole("navigation", { name: "Mastheads of other volumes" }).getByRole("link", { name: DEMO_PAST_VOLUME.label }).click();
  await expect(reader).toHaveURL(new RegExp(`/staff/volumes/${DEMO_PAST_VOLUME.number}$`));
  await expect(reader.getByTestId("masthead-volume")).toHaveText(`${DEMO_PAST_VOLUME.label} (a past masthead)`);
  const chief = reader.getByRole("region", { name: "Editor-in-Chief" });
  await expect(chief).toContainText(`${DEMO_GRADUATE.fullName} / Grade 12`);
  // No account and no published byline: her name is listed, not linked to an author page.
  await expect(chief.getByRole("link")).toHaveCount(0);
  await expect(reader.getByRole("region", { name: "Faculty Adviser" }).getByRole("link", { name: USERS.adviser.name })).toHaveAttribute("href", "/authors/hana-park");
  await expect(reader.getByRole("main")).not.toContainText("@");

  // Her login is deactivated: she is a graduate, not a member of today's staff.
  const adviser = await pageAs("adviser");
  await adviser.goto("/newsroom/staff");
  await expect(adviser.getByRole("row").filter({ hasText: DEMO_GRADUATE.email })).toContainText("Deactivated");
});

test("editors keep a volume's masthead in the newsroom; writers cannot", async ({ pageAs, anonymousPage }) => {
  const editor = await pageAs("editor");
  await editor.goto("/newsroom/issues");
  await editor.getByRole("link", { name: `Edit the masthead of ${DEMO_PAST_VOLUME.label}` }).click();
  await expect(editor.getByRole("heading", { level: 1, name: `Masthead: ${DEMO_PAST_VOLUME.label}` })).toBeVisible();

  // A position is required; the choice of person stays.
  const form = editor.getByRole("form", { name: "Add to the masthead" });
  await form.getByLabel("Person", { exact: true }).selectOption({ label: USERS.writer2.name });
  await form.getByRole("button", { name: "Add to masthead" }).click();
  await expect(form.getByRole("alert")).toHaveText("Name the position, e.g. “Editor-in-Chief”.");
  await expect(form.getByLabel("Position", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Person", { exact: true })).toHaveValue(/.+/);
  await form.getByLabel("Position", { exact: true }).fill("Photographer");
  await form.getByRole("button", { name: "Add to masthead" }).click();
  await expect(form.getByRole("status")).toHaveText(`Added ${USERS.writer2.name} as Photographer.`);

  const items = editor.getByRole("region", { name: /^On the masthead/ }).getByRole("listitem");
  await expect(items.last()).toHaveAccessibleName(`${USERS.writer2.name}, Photographer`);
  await editor.getByRole("button", { name: `Move ${USERS.writer2.name} up` }).click();
  await expect(items.nth(-2)).toHaveAccessibleName(`${USERS.writer2.name}, Photographer`);

  const reader = await anonymousPage();
  await expect(async () => {
    await reader.goto(`/staff/volumes/${DEMO_PAST_VOLUME.number}`);
    await expect(reader.getByRole("region", { name: "Photographer" }), "the public masthead").toContainText(USERS.writer2.name, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  // Photographer now comes before Faculty Adviser, as ranked.
  await expect(reader.getByRole("heading", { level: 2 })).toHaveText(["Editor-in-Chief", "Staff Writer", "Photographer", "Faculty Adviser", "Mastheads of other volumes"]);

  await editor.getByRole("button", { name: `Remove ${USERS.writer2.name}` }).click();
  await expect(items.filter({ hasText: USERS.writer2.name })).toHaveCount(0);
  await expect(async () => {
    await reader.goto(`/staff/volumes/${DEMO_PAST_VOLUME.number}`);
    await expect(reader.getByRole("region", { name: "Photographer" })).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  const writer = await pageAs("writer");
  expect((await writer.goto(`/newsroom/issues/masthead/${DEMO_PAST_VOLUME.number}`))?.status()).toBe(404);
});
