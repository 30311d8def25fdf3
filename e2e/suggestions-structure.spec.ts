import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { createStory, expect, publishStory, readAleppo, test, toHtml, transition, USERS } from "./fixtures";
import { getArticle, openStory, SAVED, saveStatus, selectInStory, storyBody } from "./never-lose-a-word.fixtures";

/**
 * Structural suggestions (issue 11): while Suggesting, a paragraph made a subheading and a
 * paragraph made a bulleted list are suggestions like any typed word. They are listed and
 * visibly marked on the block itself (tinted, bordered, labelled, explained on hover and at the
 * caret), the writer accepts one and rejects the other, the text comes out exactly right, the
 * history says who decided what, and readers never see either. The same inside a quote and a
 * table cell, which hold blocks of their own.
 */

type Suggestion = { id: string; kind: string; text: string; author: { name: string | null }; block: { type: string; name: string; text: string } | null };
type LiveArticle = { body: string; pendingChanges: boolean; live?: { body: string } };

async function listSuggestions(api: APIRequestContext, id: string): Promise<Suggestion[]> {
  const res = await api.get(`/api/v1/articles/${id}/suggestions`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { suggestions: Suggestion[] }).suggestions;
}

async function startSuggesting(page: Page) {
  const mode = page.getByRole("group", { name: "Editing mode" });
  await mode.getByRole("button", { name: "Suggesting" }).click();
  await expect(mode.getByRole("button", { name: "Suggesting" })).toHaveAttribute("aria-pressed", "true");
}

function tool(page: Page, name: string) {
  return page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name, exact: true });
}

/** The label the stylesheet shows above a suggested block, and the look that sets it apart. */
async function blockLook(block: Locator) {
  return block.evaluate((el) => {
    const style = getComputedStyle(el);
    const label = getComputedStyle(el, "::before");
    return { label: label.content, labelColor: label.color, border: style.borderLeftWidth, background: style.backgroundColor, decoration: style.textDecorationLine };
  });
}

/** The first words of a block as the suggestion list quotes them (cut at a word near 60 characters). */
function cut(text: string) {
  if (text.length <= 60) return text;
  const space = text.slice(0, 61).lastIndexOf(" ");
  return `${text.slice(0, space > 30 ? space : 60)}…`;
}

/** The story's body as a reader sees it, loaded afresh on every call. */
function readerBody(reader: Page, slug: string) {
  return async () => {
    await reader.goto(`/articles/${slug}`);
    return reader.locator("article .prose-story").first();
  };
}

/** An article body's HTML without the attributes the renderer adds, for exact comparison. */
const bare = (html: string) => html.replace(/<(\w+)[^>]*>/g, "<$1>");

test("the adviser suggests a subheading and a list in the Aleppo story; the writer accepts one and rejects the other", async ({ pageAs, apiAs, anonymousPage, uid }) => {
  test.setTimeout(180_000);
  const aleppo = readAleppo();
  const [p0, p1, p2, p3] = aleppo.paragraphs;
  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  const story = await publishStory(writerApi, adviserApi, { headline: `${aleppo.title} (${uid})`, section: "world", body: toHtml([p0, p1, p2, p3]) });
  const reader = await anonymousPage();
  const publicArticle = readerBody(reader, story.slug);

  // The adviser, Suggesting: the third paragraph becomes a subheading, the fourth a bulleted list.
  const adviser = await pageAs("adviser");
  await openStory(adviser, story.id);
  await startSuggesting(adviser);
  await selectInStory(adviser, "Push back their fire", { caretAtEnd: true });
  await tool(adviser, "Subheading").click();
  await selectInStory(adviser, "regime militias", { caretAtEnd: true });
  await tool(adviser, "Bulleted list").click();
  await expect(saveStatus(adviser)).toHaveText(SAVED);

  // Marked on the block itself: a tinted, bordered block with a label, and who suggested it on hover.
  const body = storyBody(adviser);
  const heading = body.locator("h2.suggestion-block-format");
  await expect(heading).toHaveText(p2);
  await expect(heading).toHaveAttribute("title", new RegExp(`^Suggested by ${USERS.adviser.name}, .*: subheading$`));
  expect(await blockLook(heading)).toMatchObject({ label: '"Suggested: subheading"', border: "6px" });
  const list = body.locator("ul.suggestion-block-insert");
  await expect(list.locator("li")).toHaveText([p3]);
  await expect(list).toHaveAttribute("title", new RegExp(`^Suggested by ${USERS.adviser.name}, .*: new bulleted list$`));
  expect(await blockLook(list)).toMatchObject({ label: '"Suggested: new bulleted list"', border: "4px" });
  // The paragraph the list would replace is still there, struck through, until someone decides.
  const replaced = body.locator("p.suggestion-block-delete");
  await expect(replaced).toHaveText(p3);
  expect(await blockLook(replaced)).toMatchObject({ label: '"Suggested: remove paragraph"', decoration: "line-through" });
  for (const block of [heading, list, replaced]) expect((await blockLook(block)).background).not.toBe("rgba(0, 0, 0, 0)");
  // Readable in both colour schemes: the story's text on the tints, and the labels.
  for (const scheme of ["light", "dark"] as const) {
    await adviser.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page: adviser }).include('[data-testid="story-body"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), scheme).toEqual([]);
  }
  await adviser.emulateMedia({ colorScheme: "light" });

  // Explained at the caret, for keyboard users, as the inline ones are.
  await selectInStory(adviser, "Push back their fire");
  const atCaret = adviser.getByTestId("suggestion-at-caret");
  await expect(atCaret).toContainText(`Suggestion: Make “${cut(p2)}” a subheading`);
  await expect(atCaret).toContainText(USERS.adviser.name);
  await selectInStory(adviser, "Syrian opposition forces");
  await expect(atCaret).toBeEmpty();
  // "Show in the text" selects the block, and the caret explanation follows.
  await adviser.getByTestId("suggestions").getByRole("listitem").first().getByRole("button", { name: "Show in the text" }).click();
  await expect(atCaret).toContainText(`Suggestion: Make “${cut(p2)}” a subheading`);
  expect(await adviser.evaluate(() => window.getSelection()?.toString())).toBe(p2);

  // Listed, in the panel and the API.
  const panel = adviser.getByTestId("suggestions");
  await expect(panel.getByRole("heading")).toHaveText("Suggestions (2)");
  await expect(panel.getByRole("listitem")).toHaveText([
    new RegExp(`^Make “${escape(cut(p2))}” a subheading${USERS.adviser.name}`),
    new RegExp(`^Make “${escape(cut(p3))}” a bulleted list${USERS.adviser.name}`),
  ]);
  const listed = await listSuggestions(adviserApi, story.id);
  expect(listed.map((s) => [s.kind, s.block?.name, s.author.name])).toEqual([
    ["format", "subheading", USERS.adviser.name],
    ["format", "bulleted list", USERS.adviser.name],
  ]);

  // Readers never see them: the public page and the API's live body are the paragraphs as published.
  const publishedHtml = toHtml([p0, p1, p2, p3]);
  const before = await publicArticle();
  await expect(before.locator("h2, ul, li")).toHaveCount(0);
  await expect(before.locator("p").filter({ hasText: p2 })).toHaveCount(1);
  expect(await reader.content()).not.toMatch(/<ins|<del|data-suggestion|suggestion-/);
  const pending = (await getArticle(adviserApi, story.id)) as unknown as LiveArticle;
  expect(bare(pending.body)).toBe(publishedHtml);

  // The writer, in another browser: sees both, accepts the subheading, rejects the list.
  const writer = await pageAs("writer");
  await writer.goto(`/newsroom/articles/${story.id}`);
  const writerPanel = writer.getByTestId("suggestions");
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (2)");
  await expect(storyBody(writer).locator(".suggestion-block")).toHaveCount(3);
  await writerPanel.getByRole("button", { name: `Accept: Make “${cut(p2)}” a subheading, by ${USERS.adviser.name}` }).click();
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (1)");
  await writerPanel.getByRole("button", { name: `Reject: Make “${cut(p3)}” a bulleted list, by ${USERS.adviser.name}` }).click();
  await expect(writerPanel).toContainText("No open suggestions.");
  await expect(storyBody(writer).locator(".suggestion-block, ins, del")).toHaveCount(0);

  // Exactly right: the subheading there, no list, every paragraph's text as it was.
  const chosenHtml = toHtml([p0, p1, p2, p3]).replace(`<p>${p2}</p>`, `<h2>${p2}</h2>`);
  await expect(storyBody(writer).locator("h2")).toHaveText([p2]);
  await expect(storyBody(writer).locator("ul")).toHaveCount(0);
  await expect(storyBody(writer).locator("p")).toHaveText([p0, p1, p3]);
  expect(await listSuggestions(writerApi, story.id)).toEqual([]);
  const decided = (await getArticle(writerApi, story.id)) as unknown as LiveArticle;
  expect(bare(decided.body)).toBe(chosenHtml);
  expect(decided.pendingChanges).toBe(true);
  expect(bare(decided.live?.body ?? "")).toBe(publishedHtml);

  // Readers get exactly that once the adviser publishes the changes.
  await adviser.reload();
  await adviser.getByTestId("live-story-banner").getByRole("button", { name: "Publish changes" }).click();
  await expect(adviser.getByRole("status").filter({ hasText: "Published. Readers now see these changes." })).toBeVisible();
  await expect.poll(async () => (await publicArticle()).locator("h2").filter({ hasText: p2 }).count(), { timeout: 15_000 }).toBe(1);
  const after = await publicArticle();
  await expect(after.locator("ul, li")).toHaveCount(0);
  await expect(after.locator("p").filter({ hasText: p3 })).toHaveCount(1);

  // The history says who decided what.
  await writer.reload();
  const history = writer.getByTestId("history");
  await expect(history).toContainText(`${USERS.writer.name} accepted a suggestion by ${USERS.adviser.name}: “${cut(p2)}” → subheading`);
  await expect(history).toContainText(`${USERS.writer.name} rejected a suggestion by ${USERS.adviser.name}: “${cut(p3)}” → bulleted list`);
});

test("inside a quote and a table cell: a small subheading and a list are suggestions, and accepting gives exactly them", async ({ pageAs, apiAs, uid }) => {
  test.setTimeout(120_000);
  const writerApi = await apiAs("writer");
  const quote = "It is an obligation to defend our people.";
  const cell = "Aleppo";
  const bodyHtml = `<p>The offensive began on 27 November.</p><blockquote><p>${quote}</p></blockquote><table><tbody><tr><th><p>City</p></th><th><p>Taken</p></th></tr><tr><td><p>${cell}</p></td><td><p>30 November</p></td></tr></tbody></table>`;
  const story = await createStory(writerApi, { headline: `Quote and table (${uid})`, section: "world", body: bodyHtml });
  await transition(writerApi, story.id, "submit");

  const adviser = await pageAs("adviser");
  await openStory(adviser, story.id);
  await startSuggesting(adviser);
  await selectInStory(adviser, "obligation", { caretAtEnd: true });
  await tool(adviser, "Small subheading").click();
  await selectInStory(adviser, cell, { caretAtEnd: true });
  await tool(adviser, "Bulleted list").click();
  await expect(saveStatus(adviser)).toHaveText(SAVED);

  const body = storyBody(adviser);
  await expect(body.locator("blockquote h3.suggestion-block-format")).toHaveText(quote);
  await expect(body.locator("td ul.suggestion-block-insert li")).toHaveText([cell]);
  expect(await blockLook(body.locator("blockquote h3"))).toMatchObject({ label: '"Suggested: small subheading"' });
  const panel = adviser.getByTestId("suggestions");
  await expect(panel.getByRole("listitem")).toHaveText([new RegExp(`^Make “${escape(quote)}” a small subheading`), new RegExp(`^Make “${cell}” a bulleted list`)]);
  // Readers' text (the API's body) has neither.
  expect(bare((await getArticle(writerApi, story.id)).body)).not.toMatch(/<h3>|<ul>/);

  const writer = await pageAs("writer");
  await writer.goto(`/newsroom/articles/${story.id}`);
  const writerPanel = writer.getByTestId("suggestions");
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (2)");
  await writerPanel.getByRole("button", { name: "Accept all" }).click();
  await expect(writerPanel).toContainText("No open suggestions.");
  expect(bare((await getArticle(writerApi, story.id)).body)).toBe(
    bare(bodyHtml)
      .replace(`<blockquote><p>${quote}</p></blockquote>`, `<blockquote><h3>${quote}</h3></blockquote>`)
      .replace(`<td><p>${cell}</p></td>`, `<td><ul><li><p>${cell}</p></li></ul></td>`)
      // Readers' tables scroll sideways in a wrapper of their own.
      .replace("<table>", "<div><table>")
      .replace("</table>", "</table></div>"),
  );
});

/** Select from the start of `from` to the end of `to` (in different blocks), as a drag across them would. */
async function selectAcross(page: Page, from: string, to: string) {
  await storyBody(page).click();
  const found = await storyBody(page).evaluate(
    (root, { from, to }) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let started = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        if (!started && text.includes(from)) {
          range.setStart(node, text.indexOf(from));
          started = true;
        }
        if (started && text.includes(to)) {
          range.setEnd(node, text.indexOf(to) + to.length);
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          return true;
        }
      }
      return false;
    },
    { from, to },
  );
  expect(found, `“${from}” … “${to}” are in the story`).toBe(true);
}

/**
 * The caret just before `text`, and the editor knowing it: a key pressed before its selection
 * catches up with the browser's (selectionchange is asynchronous) acts on the old selection.
 */
async function caretBefore(page: Page, text: string) {
  await selectInStory(page, text);
  await page.keyboard.press("ArrowLeft");
  await expect
    .poll(() =>
      storyBody(page).evaluate((el, text) => {
        const { state } = (el as unknown as { editor: { state: { selection: { empty: boolean; $from: { parent: { textContent: string }; parentOffset: number } } } } }).editor;
        const { empty, $from } = state.selection;
        return empty && $from.parent.textContent.slice($from.parentOffset).startsWith(text);
      }, text),
    )
    .toBe(true);
}

const ul = (items: string[]) => `<ul>${items.map((i) => `<li><p>${i}</p></li>`).join("")}</ul>`;
const ol = (items: string[]) => `<ol>${items.map((i) => `<li><p>${i}</p></li>`).join("")}</ol>`;

test("the adviser suggests a subheading made a paragraph, an item taken out of its list, a list made numbered and one made bulleted; the writer accepts two and rejects two", async ({ pageAs, apiAs, anonymousPage, uid }) => {
  test.setTimeout(240_000);
  const aleppo = readAleppo();
  const [p0, p1, p2, p3] = aleppo.paragraphs;
  const subheading = "Push back their fire";
  const groups = ["Hayat Tahrir al-Sham", "Multiple Turkish-backed rebel groups"];
  const sources = ["Lt. Col. Hassan Abdulghany", "Dareen Khalifa, International Crisis Group", "Dmitry Peskov, Kremlin spokesperson"];
  const timeline = ["27 November: the offensive begins", "30 November: opposition forces enter Aleppo"];
  const publishedHtml = `<p>${p0}</p><h2>${subheading}</h2><p>${p1}</p>${ul(groups)}<p>${p2}</p>${ul(sources)}<p>${p3}</p>${ol(timeline)}`;
  const writerApi = await apiAs("writer");
  const adviserApi = await apiAs("adviser");
  const story = await publishStory(writerApi, adviserApi, { headline: `${aleppo.title} (${uid})`, section: "world", body: publishedHtml });
  const reader = await anonymousPage();
  const publicArticle = readerBody(reader, story.slug);

  // The adviser, Suggesting, through the toolbar: each button pressed again takes its block back.
  const adviser = await pageAs("adviser");
  await openStory(adviser, story.id);
  await startSuggesting(adviser);
  await selectInStory(adviser, subheading, { caretAtEnd: true });
  await expect(tool(adviser, "Subheading")).toHaveAttribute("aria-pressed", "true");
  await tool(adviser, "Subheading").click();
  await selectInStory(adviser, groups[1], { caretAtEnd: true });
  await tool(adviser, "Bulleted list").click();
  await selectInStory(adviser, "Dareen Khalifa", { caretAtEnd: true });
  await tool(adviser, "Numbered list").click();
  await expect(saveStatus(adviser)).toHaveText(SAVED);

  // A reload in the middle keeps them (they are in the saved working copy, not only in the page).
  await adviser.reload();
  await expect(storyBody(adviser)).toHaveAttribute("contenteditable", "true");
  await startSuggesting(adviser);
  await selectInStory(adviser, "27 November", { caretAtEnd: true });
  await tool(adviser, "Bulleted list").click();
  await expect(saveStatus(adviser)).toHaveText(SAVED);

  const panel = adviser.getByTestId("suggestions");
  await expect(panel.getByRole("heading")).toHaveText("Suggestions (4)");
  await expect(panel.getByRole("listitem")).toHaveText([
    new RegExp(`^Make “${escape(subheading)}” a paragraph${USERS.adviser.name}`),
    new RegExp(`^Make “${escape(groups[1])}” a paragraph${USERS.adviser.name}`),
    new RegExp(`^Make “${escape(cut(sources.join(" ")))}” a numbered list${USERS.adviser.name}`),
    new RegExp(`^Make “${escape(cut(timeline.join(" ")))}” a bulleted list${USERS.adviser.name}`),
  ]);
  const listed = await listSuggestions(adviserApi, story.id);
  expect(listed.map((s) => [s.kind, s.block?.name, s.block?.text, s.author.name])).toEqual([
    ["format", "paragraph", subheading, USERS.adviser.name],
    ["format", "paragraph", groups[1], USERS.adviser.name],
    ["format", "numbered list", cut(sources.join(" ")), USERS.adviser.name],
    ["format", "bulleted list", cut(timeline.join(" ")), USERS.adviser.name],
  ]);

  // Marked on the blocks: the subheading made a paragraph, the list as it was struck through and as it
  // would be (the item now a paragraph after it), the lists made another kind; who suggested each on hover.
  const body = storyBody(adviser);
  const unheaded = body.locator("p.suggestion-block-format");
  await expect(unheaded).toHaveText(subheading);
  await expect(unheaded).toHaveAttribute("title", new RegExp(`^Suggested by ${USERS.adviser.name}, .*: paragraph$`));
  expect(await blockLook(unheaded)).toMatchObject({ label: '"Suggested: paragraph"', border: "6px" });
  const oldGroups = body.locator("ul.suggestion-block-delete");
  await expect(oldGroups.locator("li")).toHaveText(groups);
  expect(await blockLook(oldGroups)).toMatchObject({ label: '"Suggested: remove bulleted list"', decoration: "line-through" });
  await expect(body.locator("ul.suggestion-block-insert li")).toHaveText([groups[0]]);
  const unlisted = body.locator("p.suggestion-block-insert");
  await expect(unlisted).toHaveText(groups[1]);
  expect(await blockLook(unlisted)).toMatchObject({ label: '"Suggested: new paragraph"', border: "4px" });
  const numbered = body.locator("ol.suggestion-block-format");
  await expect(numbered.locator("li")).toHaveText(sources);
  await expect(numbered).toHaveAttribute("title", new RegExp(`^Suggested by ${USERS.adviser.name}, .*: numbered list$`));
  expect(await blockLook(numbered)).toMatchObject({ label: '"Suggested: numbered list"' });
  const bulleted = body.locator("ul.suggestion-block-format");
  await expect(bulleted.locator("li")).toHaveText(timeline);
  expect(await blockLook(bulleted)).toMatchObject({ label: '"Suggested: bulleted list"' });
  for (const block of [unheaded, oldGroups, unlisted, numbered, bulleted]) expect((await blockLook(block)).background).not.toBe("rgba(0, 0, 0, 0)");
  for (const scheme of ["light", "dark"] as const) {
    await adviser.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page: adviser }).include('[data-testid="story-body"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), scheme).toEqual([]);
    for (const width of [1280, 390]) {
      await adviser.setViewportSize({ width, height: 900 });
      await numbered.scrollIntoViewIfNeeded();
      await adviser.screenshot({ path: test.info().outputPath(`numbered-and-unlisted-${scheme}-${width}.png`) });
    }
  }
  await adviser.setViewportSize({ width: 1280, height: 720 });
  await adviser.emulateMedia({ colorScheme: "light" });
  // Explained at the caret, as the others are.
  await selectInStory(adviser, groups[1]);
  await expect(adviser.getByTestId("suggestion-at-caret")).toContainText(`Suggestion: Make “${groups[1]}” a paragraph`);

  // Readers never see them: the page and the API's body are the story as published.
  const before = await publicArticle();
  await expect(before.locator("h2")).toHaveText([subheading]);
  await expect(before.locator("ul")).toHaveCount(2);
  await expect(before.locator("ul").first().locator("li")).toHaveText(groups);
  await expect(before.locator("ol li")).toHaveText(timeline);
  expect(await reader.content()).not.toMatch(/<ins|<del|data-suggestion|suggestion-/);
  expect(bare((await getArticle(adviserApi, story.id)).body)).toBe(bare(publishedHtml));

  // The writer accepts the paragraph and the numbered list, and rejects the item out of its list and the bulleted list.
  const writer = await pageAs("writer");
  await writer.goto(`/newsroom/articles/${story.id}`);
  const writerPanel = writer.getByTestId("suggestions");
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (4)");
  const by = `, by ${USERS.adviser.name}`;
  await writerPanel.getByRole("button", { name: `Accept: Make “${subheading}” a paragraph${by}` }).click();
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (3)");
  await writerPanel.getByRole("button", { name: `Reject: Make “${groups[1]}” a paragraph${by}` }).click();
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (2)");
  await writerPanel.getByRole("button", { name: `Accept: Make “${cut(sources.join(" "))}” a numbered list${by}` }).click();
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (1)");
  await writerPanel.getByRole("button", { name: `Reject: Make “${cut(timeline.join(" "))}” a bulleted list${by}` }).click();
  await expect(writerPanel).toContainText("No open suggestions.");
  await expect(storyBody(writer).locator(".suggestion-block, ins, del")).toHaveCount(0);

  const chosenHtml = `<p>${p0}</p><p>${subheading}</p><p>${p1}</p>${ul(groups)}<p>${p2}</p>${ol(sources)}<p>${p3}</p>${ol(timeline)}`;
  const decided = (await getArticle(writerApi, story.id)) as unknown as LiveArticle;
  expect(bare(decided.body)).toBe(bare(chosenHtml));
  expect(bare(decided.live?.body ?? "")).toBe(bare(publishedHtml));
  await expect(storyBody(writer).locator("h2")).toHaveCount(0);
  await expect(storyBody(writer).locator("ol")).toHaveCount(2);

  // The history says who decided what, in the words of the list.
  await writer.reload();
  const history = writer.getByTestId("history");
  const line = (verb: string, what: string) => `${USERS.writer.name} ${verb} a suggestion by ${USERS.adviser.name}: ${what}`;
  await expect(history).toContainText(line("accepted", `“${subheading}” → paragraph`));
  await expect(history).toContainText(line("rejected", `“${groups[1]}” → paragraph`));
  await expect(history).toContainText(line("accepted", `“${cut(sources.join(" "))}” → numbered list`));
  await expect(history).toContainText(line("rejected", `“${cut(timeline.join(" "))}” → bulleted list`));

  // Readers get exactly that once the adviser publishes the changes.
  await adviser.reload();
  await adviser.getByTestId("live-story-banner").getByRole("button", { name: "Publish changes" }).click();
  await expect(adviser.getByRole("status").filter({ hasText: "Published. Readers now see these changes." })).toBeVisible();
  await expect.poll(async () => (await publicArticle()).locator("h2").count(), { timeout: 15_000 }).toBe(0);
  const after = await publicArticle();
  await expect(after.locator("ol").first().locator("li")).toHaveText(sources);
  await expect(after.locator("ul li")).toHaveText(groups);
});

test("a whole list made paragraphs, Backspace at an item's start and Enter inside one are suggestions; moving a suggested block again is refused with a reason", async ({ pageAs, apiAs, uid }) => {
  test.setTimeout(150_000);
  const writerApi = await apiAs("writer");
  const cities = ["Aleppo", "Hama", "Homs"];
  const steps = ["Take the airport", "Hold the ring road"];
  const demands = "A ceasefire in Idlib and the release of prisoners";
  const bodyHtml = `<p>The offensive began on 27 November.</p>${ul(cities)}<p>Its commanders set two aims.</p>${ul(steps)}<p>The government called it terrorism.</p>${ul([demands])}`;
  const story = await createStory(writerApi, { headline: `Lists out (${uid})`, section: "world", body: bodyHtml });
  await transition(writerApi, story.id, "submit");

  const adviser = await pageAs("adviser");
  await openStory(adviser, story.id);
  await startSuggesting(adviser);
  await selectAcross(adviser, cities[0], cities[2]);
  await tool(adviser, "Bulleted list").click();
  await caretBefore(adviser, steps[1]);
  await adviser.keyboard.press("Backspace");
  // Enter in the middle of an item: a new item, as a suggested paragraph break.
  await caretBefore(adviser, "and the release");
  await adviser.keyboard.press("Enter");
  await expect(saveStatus(adviser)).toHaveText(SAVED);

  const panel = adviser.getByTestId("suggestions");
  await expect(panel.getByRole("listitem")).toHaveText([
    new RegExp(`^Make “${cities.join(" ")}” paragraphs${USERS.adviser.name}`),
    new RegExp(`^Make “${steps[1]}” a paragraph${USERS.adviser.name}`),
    new RegExp(`^Insert a paragraph break${USERS.adviser.name}`),
  ]);
  const body = storyBody(adviser);
  await expect(body.locator("p.suggestion-block-insert")).toHaveText([...cities, steps[1]]);
  // Nothing applied directly: the API's body (readers' text) is the story as written.
  expect(bare((await getArticle(writerApi, story.id)).body)).toBe(bare(bodyHtml));

  // A block that is itself a suggestion is not moved again: refused beside the editor, nothing changes.
  // (The city as it would be, a paragraph; the first “Hama” is in the list as it was, struck through.)
  await body.locator("p.suggestion-block-insert", { hasText: cities[1] }).click();
  await adviser.keyboard.press("End");
  await tool(adviser, "Numbered list").click();
  const refused = adviser.getByTestId("suggestion-refused");
  await expect(refused).toHaveText("Not changed: these blocks already have a suggestion. Undo it, or accept or reject it first, then try again.");
  await expect(panel.getByRole("listitem")).toHaveCount(3);
  await expect(body.locator("ol")).toHaveCount(0);
  await adviser.emulateMedia({ colorScheme: "dark" });
  const { violations } = await new AxeBuilder({ page: adviser }).include('[data-testid="suggestion-refused"]').include('[data-testid="story-body"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  for (const width of [1280, 390]) {
    await adviser.setViewportSize({ width, height: 900 });
    await body.locator("p.suggestion-block-insert").first().scrollIntoViewIfNeeded();
    await adviser.screenshot({ path: test.info().outputPath(`unlisted-refused-dark-${width}.png`) });
  }
  await adviser.emulateMedia({ colorScheme: "light" });
  // The reason goes once the adviser moves on.
  await selectInStory(adviser, "The offensive began");
  await expect(refused).toBeEmpty();

  const writer = await pageAs("writer");
  await writer.goto(`/newsroom/articles/${story.id}`);
  const writerPanel = writer.getByTestId("suggestions");
  await writerPanel.getByRole("button", { name: `Reject: Make “${steps[1]}” a paragraph, by ${USERS.adviser.name}` }).click();
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (2)");
  await writerPanel.getByRole("button", { name: `Accept: Make “${cities.join(" ")}” paragraphs, by ${USERS.adviser.name}` }).click();
  await expect(writerPanel.getByRole("heading")).toHaveText("Suggestions (1)");
  await writerPanel.getByRole("button", { name: `Accept: Insert a paragraph break, by ${USERS.adviser.name}` }).click();
  await expect(writerPanel).toContainText("No open suggestions.");
  // (The space before “and” stays at the end of the first item.)
  const [ceasefire, release] = ["A ceasefire in Idlib", "and the release of prisoners"];
  expect(bare((await getArticle(writerApi, story.id)).body).replace(/\s+</g, "<")).toBe(
    bare(bodyHtml.replace(ul(cities), cities.map((c) => `<p>${c}</p>`).join("")).replace(ul([demands]), ul([ceasefire, release]))),
  );
});

/** `text` as a literal in a RegExp. */
function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
