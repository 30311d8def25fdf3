import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { addToMasthead, type Article, type Credentials, createStory, DEMO_VOLUME, demoCredentials, expect, signIn, test, transition, uniqueId } from "./fixtures";

/**
 * An XSS corpus put everywhere a reporter, an editor or a reader can put text (headlines,
 * deks, bodies through the API and through a paste into the editor, tags, comments, workflow
 * notes, a staff member's name, pen name and bio, the search box), then every page that shows
 * it is loaded in a real browser. Every payload tries to set `window.__xss` or open a dialog.
 * Nothing may run: no dialog, no `window.__xss` in any frame, no CSP violation (an injected
 * script or handler the newsroom's policy had to block), no on* attribute and no
 * javascript:/data:/vbscript: URL anywhere in the DOM, and the text shows as text.
 */

const JS = "window.__xss=1;alert(1)";

/** Markup for story bodies: the server must re-parse it into the story schema and drop the rest. */
const BODY_PAYLOADS = [
  `<script>${JS}</script>`,
  `<img src=x onerror="${JS}">`,
  `<svg onload="${JS}"></svg>`,
  `<svg><script>${JS}</script></svg>`,
  `<p><a href="javascript:${JS}">javascript link</a></p>`,
  `<p><a href="JaVaScRiPt:${JS}">mixed-case link</a></p>`,
  `<p><a href=" &#x6A;avascript&colon;${JS}">entity link</a></p>`,
  `<p><a href="java&#x09;script:${JS}">tab link</a></p>`,
  `<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a></p>`,
  `<p><a href="vbscript:msgbox(1)">vbscript link</a></p>`,
  `<iframe srcdoc="<script>parent.__xss=1;alert(1)</script>"></iframe>`,
  `<scr<script>ipt>${JS}</scr</script>ipt>`,
  `"><script>${JS}</script>`,
  `<p title="' onmouseover='${JS}' x='">single-quote breakout</p>`,
  `<p title="" onmouseover="${JS}" x="">double-quote breakout</p>`,
  `</script><script>${JS}</script>`,
  `<p onclick="${JS}" style="background:url(javascript:alert(1))">paragraph with a handler</p>`,
  `<details open ontoggle="${JS}"><summary>details</summary></details>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${JS}">`,
  `<noscript><p title="</noscript><img src=x onerror=${JS}>"></p></noscript>`,
  `<form action="javascript:${JS}"><button formaction="javascript:${JS}">go</button></form>`,
  `<object data="javascript:${JS}"></object><embed src="javascript:${JS}">`,
  `<input autofocus onfocus="${JS}">`,
  `<p><a href="https://example.org/" onclick="${JS}" target="_blank">allowed link, handler dropped</a></p>`,
  `<p>\u202e<b>RTL override</b>\u202c, \u2066isolate\u2069, zero\u200bwidth, \u0000null</p>`,
  // Escaped markup is text and must stay text wherever it is shown (feeds, snippets, diffs).
  `<p>&lt;img src=x onerror=${JS}&gt; as text</p>`,
  `<p>&lt;/script&gt;&lt;script&gt;${JS}&lt;/script&gt; as text</p>`,
  `<p>]]&gt;&lt;script&gt;${JS}&lt;/script&gt; CDATA breakout as text</p>`,
];

/** For plain-text fields (headlines, deks, notes, comments, names, bios, the search box). */
const TEXT_PAYLOADS = [
  `<script>${JS}</script>`,
  `<img src=x onerror="${JS}">`,
  `<svg onload="${JS}">`,
  `"><script>${JS}</script>`,
  `' onmouseover='${JS}' x='`,
  `</script><script>${JS}</script>`,
  `<a href="javascript:${JS}">link</a> <iframe srcdoc="<script>${JS}</script>">`,
  `<scr<script>ipt>${JS}</scr</script>ipt> \u202egnp.exe`,
  `{{constructor.constructor('${JS}')()}} \${${JS}}`,
  `]]><script>${JS}</script><!--`,
];

/**
 * Headlines and tags refuse invisible characters (text-direction overrides, zero-width spaces)
 * with a message (lib/validation/article.ts); the rest of each payload still goes in there, and
 * the whole payload goes into every other field.
 */
const visibleOnly = (text: string) => text.replace(/[\u200b\u202a-\u202e\u2066-\u2069]/g, "");

/** Tags are at most 40 characters. */
const TAG_PAYLOADS = [`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, `"><svg onload=alert(1)>`, `' onmouseover='alert(1)`, `javascript:alert(1)`, `</script><script>alert(1)`, visibleOnly(`\u202eSyria\u202c`)];

const PASSWORD = `xss-${uniqueId()}-password`;

type World = {
  uid: string;
  recruit: Credentials & { fullName: string; penName: string; bio: string; authorSlug: string };
  /** The published stories, one per headline payload. */
  stories: Article[];
  /** A story left with changes requested: payload comments, a reply and a payload note. */
  discussed: Article;
  tagSlugs: string[];
};
let world: World;
const contexts: BrowserContext[] = [];
const clients: APIRequestContext[] = [];

// Everything the pages show is set up once, before the first test; each test only looks.
test.describe.configure({ timeout: 240_000 });

test.beforeAll(async ({ browser, playwright, baseURL }) => {
  const uid = uniqueId();
  const recruit = {
    fullName: `Ari "><img src=x onerror=${JS}> ${uid}`,
    email: `ari.${uid}@e2e.test`,
    password: PASSWORD,
    penName: `<svg onload=${JS}>'"`,
    bio: TEXT_PAYLOADS.join(" "),
  };
  expect(recruit.fullName.length).toBeLessThanOrEqual(100);
  expect(recruit.penName.length).toBeLessThanOrEqual(60);
  expect(recruit.bio.length).toBeLessThanOrEqual(1000);

  const signedIn = async (credentials: Credentials) => {
    const context = await browser.newContext({ baseURL });
    contexts.push(context);
    await signIn(context.request, credentials);
    return context.newPage();
  };
  const apiFor = async (credentials: Credentials) => {
    const api = await playwright.request.newContext({ baseURL });
    clients.push(api);
    await signIn(api, credentials);
    return api;
  };

  // The adviser adds a writer whose full name is a payload.
  const adviser = await signedIn(demoCredentials("adviser"));
  await adviser.goto("/newsroom/staff");
  const form = adviser.getByRole("form", { name: "Add a staff member" });
  await form.getByLabel("Full name", { exact: true }).fill(recruit.fullName);
  await form.getByLabel("Email", { exact: true }).fill(recruit.email);
  await form.getByLabel("Role", { exact: true }).selectOption("WRITER");
  await form.getByLabel("Temporary password", { exact: true }).fill(recruit.password);
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toHaveText(`Account created for ${recruit.email}. Share the password with them privately.`);

  // The writer sets a hostile pen name and bio in the account form and asks to be shown by pen name.
  const writerPage = await signedIn(recruit);
  await writerPage.goto("/newsroom/account");
  await writerPage.getByLabel("How your name appears in public", { exact: true }).selectOption("PEN_NAME");
  await writerPage.getByLabel("Pen name", { exact: true }).fill(recruit.penName);
  await writerPage.getByLabel("Short bio (public)", { exact: true }).fill(recruit.bio);
  await writerPage.getByRole("button", { name: "Save profile" }).click();
  await expect(writerPage.getByText("Profile saved.", { exact: false })).toBeVisible();

  // The adviser approves the pen name, so bylines use it.
  await adviser.reload();
  const row = adviser.getByRole("row").filter({ hasText: recruit.email });
  await row.getByRole("button", { name: `Approve pen name ${recruit.penName}` }).click();
  await expect(row).toContainText("approved");
  // The public staff page lists the current volume's masthead: the recruit joins it.
  await addToMasthead(adviser, { volume: DEMO_VOLUME.number, person: recruit.fullName, position: "Staff Writer" });

  // One story per headline payload, each with payload deks, bodies and tags, all in World.
  const writerApi = await apiFor(recruit);
  const adviserApi = await apiFor(demoCredentials("adviser"));
  const stories: Article[] = [];
  for (const [i, payload] of TEXT_PAYLOADS.entries()) {
    stories.push(
      await createStory(writerApi, {
        headline: `${visibleOnly(payload)} ${uid}-${i}`,
        dek: `${TEXT_PAYLOADS[(i + 1) % TEXT_PAYLOADS.length]} ${TEXT_PAYLOADS[(i + 2) % TEXT_PAYLOADS.length]}`,
        body: `<p>Story ${uid}-${i} opens plainly.</p>${BODY_PAYLOADS.join("")}<p>And ends plainly.</p>`,
        section: "world",
      }),
    );
  }
  // A headline that reverses its own text on screen is refused, next to the field.
  const reversed = await writerApi.post("/api/v1/articles", { data: { headline: `\u202egnp.exe ${uid}`, body: "<p>x</p>" } });
  expect(reversed.status()).toBe(422);
  expect((await reversed.json()).error.fields.headline).toMatch(/invisible/);
  for (const [i, story] of stories.entries()) {
    const res = await writerApi.patch(`/api/v1/articles/${story.id}`, { data: { tags: TAG_PAYLOADS, version: story.version } });
    expect(res.status(), await res.text()).toBe(200);
    await transition(writerApi, story.id, "submit");
    await transition(adviserApi, story.id, "approve");
    stories[i] = await transition(adviserApi, story.id, "publish");
  }

  // Comments and a change request full of payloads on one more story, which stays in the newsroom.
  const discussed = await createStory(writerApi, {
    headline: `${TEXT_PAYLOADS[1]} discussed ${uid}`,
    dek: TEXT_PAYLOADS[2],
    body: `<p>Discussed story ${uid}.</p>${BODY_PAYLOADS.join("")}`,
    section: "world",
  });
  await transition(writerApi, discussed.id, "submit");
  const threadIds: string[] = [];
  for (const payload of TEXT_PAYLOADS) {
    const res = await adviserApi.post(`/api/v1/articles/${discussed.id}/comments`, { data: { body: payload, quote: payload, kind: "COACHING" } });
    expect(res.status(), await res.text()).toBe(201);
    threadIds.push(((await res.json()) as { comment: { id: string } }).comment.id);
  }
  const reply = await writerApi.post(`/api/v1/articles/${discussed.id}/comments`, { data: { body: TEXT_PAYLOADS.join("\n"), parentId: threadIds[0] } });
  expect(reply.status(), await reply.text()).toBe(201);
  await transition(adviserApi, discussed.id, "request_changes", { note: TEXT_PAYLOADS.join("\n") });

  world = { uid, recruit: { ...recruit, authorSlug: "" }, stories, discussed, tagSlugs: [] };
  const author = ((await (await writerApi.get(`/api/v1/articles/${stories[0]!.id}`)).json()) as { article: { authors: { slug: string }[]; tags: { slug: string }[] } }).article;
  world.recruit.authorSlug = author.authors[0]!.slug;
  world.tagSlugs = author.tags.map((t) => t.slug);
  expect(world.tagSlugs.length).toBeGreaterThanOrEqual(TAG_PAYLOADS.length - 1);
});

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await Promise.all(clients.map((c) => c.dispose()));
});

// ---------------------------------------------------------------------------------------------
// The trap: what must never happen on a page
// ---------------------------------------------------------------------------------------------

type Trap = { page: Page; problems: string[]; check: (where: string) => Promise<void> };

/** Install the dialog trap and a CSP-violation recorder on a page; `check` scans after each load. */
async function trap(page: Page, problems: string[]): Promise<Trap> {
  page.on("dialog", (dialog) => {
    problems.push(`${page.url()}: a ${dialog.type()} dialog opened: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on("pageerror", (error) => {
    if (/__xss|alert/.test(error.message)) problems.push(`${page.url()}: page error mentioning the payload: ${error.message}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: { directive: string; blocked: string; sample: string; source: string }[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI || "inline", sample: (e.sample || "").slice(0, 80), source: `${e.sourceFile}:${e.lineNumber}` }),
    );
  });
  return {
    page,
    problems,
    check: async (where: string) => {
      await page.waitForLoadState("load");
      // Handlers like onerror/onload/ontoggle/onfocus fire right after load; give them a moment.
      await page.waitForTimeout(250);
      for (const frame of page.frames()) {
        const flag = await frame.evaluate(() => (window as unknown as { __xss?: unknown }).__xss).catch(() => undefined);
        if (flag !== undefined) problems.push(`${where}: window.__xss was set (${String(flag)}) in frame ${frame.url()}`);
      }
      const csp = await page.evaluate(() => (window as unknown as { __cspViolations?: { directive: string; blocked: string; sample: string; source: string }[] }).__cspViolations ?? []);
      for (const v of csp) {
        // An injected script or handler is blocked as "inline"; an "eval" report comes from our own
        // bundle (zod probes whether it may compile with Function()), which no payload can reach.
        if (v.blocked === "eval") noteOnce(`CSP blocked eval() from ${v.source} (not a payload)`);
        else problems.push(`${where}: CSP violation (something injected tried to run): ${v.directive} blocked ${v.blocked} from ${v.source}: ${v.sample}`);
      }
      for (const finding of await page.evaluate(scanDocument)) problems.push(`${where}: ${finding}`);
    },
  };
}

/**
 * Runs in the page: every element with an on* attribute, a script-capable URL, a srcdoc, or a
 * tag that has no business in our pages; and every inline script that is not Next's own data
 * or our JSON-LD.
 */
function scanDocument(): string[] {
  const findings: string[] = [];
  // React 19 gives a form whose action is a client function this exact inert action (it throws if
  // the form is ever submitted natively); nothing else with a javascript: URL is ours.
  const reactFormPlaceholder =
    "javascript:throw new Error('A React form was unexpectedly submitted. If you called form.submit() manually, consider using form.requestSubmit() instead. If you\\'re trying to use event.stopPropagation() in a submit event handler, consider also calling event.preventDefault().')";
  // getAttribute: a form's .id is its input named "id" when it has one.
  const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.getAttribute("id") ? `#${el.getAttribute("id")}` : ""}> in ${(el.parentElement?.closest("[data-testid],main,article,header,footer,aside,nav")?.tagName ?? "document").toLowerCase()}`;
  for (const el of Array.from(document.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
      if (name.startsWith("on")) findings.push(`${describe(el)} has ${name}="${attr.value.slice(0, 60)}"`);
      if (name === "srcdoc") findings.push(`${describe(el)} has srcdoc`);
      const reacts = (name === "action" || name === "formaction") && attr.value === reactFormPlaceholder;
      if (["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"].includes(name) && /^(javascript|vbscript|data):/.test(value) && !/^data:image\//.test(value) && !reacts) {
        findings.push(`${describe(el)} has ${name}="${attr.value.slice(0, 60)}"`);
      }
    }
    if (["IFRAME", "OBJECT", "EMBED", "FRAME", "BASE"].includes(el.tagName)) findings.push(`${describe(el)} should not exist`);
    if (el.tagName === "SCRIPT") {
      const script = el as HTMLScriptElement;
      const text = script.textContent ?? "";
      // Next's own inline scripts carry page data (payloads included, as JSON strings); any other
      // inline script that mentions a payload was injected.
      const nexts = /^\s*\(?\s*(self\.__next_[a-z]|globalThis\[["']TURBOPACK|\(self\.__next)/.test(text);
      if (!nexts && script.type !== "application/ld+json" && /__xss|alert\(|msgbox/.test(text)) findings.push(`an injected inline script: ${text.slice(0, 80)}`);
      if (script.type === "application/ld+json" && /<\/script/i.test(text)) findings.push("JSON-LD contains a literal </script");
    }
  }
  return findings;
}

/** Every element in a rendered story body: only the schema's tags, no handlers, only web/mail links. */
async function expectCleanStoryBody(page: Page, selector: string, problems: string[], where: string) {
  const findings = await page.locator(selector).first().evaluate((root) => {
    const out: string[] = [];
    // Tables joined the story schema (issue 13): the editor draws them with a wrapper and a colgroup.
    const allowed = new Set(["P", "H2", "H3", "STRONG", "EM", "A", "BLOCKQUOTE", "UL", "OL", "LI", "BR", "SPAN", "DIV", "TABLE", "COLGROUP", "COL", "TBODY", "TR", "TH", "TD"]);
    for (const el of Array.from(root.querySelectorAll("*"))) {
      if (!allowed.has(el.tagName)) out.push(`<${el.tagName.toLowerCase()}> in the story body`);
      for (const attr of Array.from(el.attributes)) {
        if (attr.name.toLowerCase().startsWith("on")) out.push(`<${el.tagName.toLowerCase()} ${attr.name}> in the story body`);
      }
      if (el.tagName === "A") {
        const href = (el.getAttribute("href") ?? "").replace(/[\u0000-\u0020]/g, "");
        if (!/^(https?:|mailto:|\/|#)/i.test(href)) out.push(`<a href="${href.slice(0, 60)}"> in the story body`);
      }
    }
    return out;
  });
  for (const f of findings) problems.push(`${where}: ${f}`);
}

/** Worth knowing, but not an XSS: shown as an annotation on the test. */
function noteOnce(text: string) {
  const annotations = test.info().annotations;
  if (!annotations.some((a) => a.description === text)) annotations.push({ type: "note", description: text });
}

function report(problems: string[]) {
  expect(problems, `${problems.length} XSS finding(s):\n  ${problems.join("\n  ")}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

test("the writer's own newsroom views (change request, comments, account) run none of it", async ({ pageAs }) => {
  const problems: string[] = [];
  const t = await trap(await pageAs(world.recruit), problems);
  const { page } = t;

  await page.goto(`/newsroom/articles/${world.discussed.id}`);
  await expect(page.getByTestId("story-body")).toHaveAttribute("contenteditable", "true");
  await expect(page.getByTestId("change-request-note")).toHaveText(TEXT_PAYLOADS.join("\n"));
  await expect(page.getByTestId("comment-thread").first()).toContainText(TEXT_PAYLOADS[0]!);
  await t.check("writer's editor, changes requested");
  await expectCleanStoryBody(page, '[data-testid="story-body"]', problems, "writer's editor");

  await page.goto("/newsroom");
  await t.check("writer's dashboard");
  await page.goto("/newsroom/account");
  await expect(page.getByTestId("shown-as")).toContainText(world.recruit.penName);
  await expect(page.getByLabel("Short bio (public)", { exact: true })).toHaveValue(world.recruit.bio);
  await t.check("writer's account page");
  report(problems);
});

test("reader pages (story, front page, section, search, author, tags, staff) show every payload as text and run none of it", async ({ anonymousPage }) => {
  const problems: string[] = [];
  const t = await trap(await anonymousPage(), problems);
  const { page } = t;

  for (const story of world.stories) {
    const res = await page.goto(`/articles/${story.slug}`);
    expect(res?.status(), story.slug).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(story.headline);
    await expect(page.locator(".prose-story")).toContainText(`Story ${story.headline.slice(-world.uid.length - 2)}`);
    await t.check(`story page ${story.slug}`);
    await expectCleanStoryBody(page, ".prose-story", problems, `story page ${story.slug}`);
  }

  const listings = [
    { where: "front page", path: "/", min: 5 },
    { where: "World section", path: "/sections/world", min: world.stories.length },
    { where: "search results", path: `/search?q=${world.uid}`, min: world.stories.length },
    { where: "author page", path: `/authors/${world.recruit.authorSlug}`, min: world.stories.length },
    ...world.tagSlugs.map((slug) => ({ where: `tag page ${slug}`, path: `/tags/${slug}`, min: 1 })),
  ];
  for (const { where, path, min } of listings) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    // The headlines are there, as text.
    let shown = 0;
    for (const story of world.stories) if ((await page.getByText(story.headline, { exact: true }).count()) > 0) shown++;
    expect(shown, `${where}: stories shown`).toBeGreaterThanOrEqual(min);
    await t.check(where);
  }

  await page.goto(`/authors/${world.recruit.authorSlug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(world.recruit.penName);
  await expect(page.getByText(world.recruit.bio, { exact: true })).toBeVisible();
  await page.goto("/staff");
  await expect(page.locator(`a[href="/authors/${world.recruit.authorSlug}"]`)).toHaveText(world.recruit.penName);
  await t.check("public staff page");
  report(problems);
});

test("the search box shows hostile queries as text", async ({ anonymousPage }) => {
  const problems: string[] = [];
  const t = await trap(await anonymousPage(), problems);
  for (const q of [...TEXT_PAYLOADS, `%3Cscript%3E${JS}%3C/script%3E`, `<img src=x onerror=${JS}> ${world.uid}`]) {
    const res = await t.page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(res?.status()).toBe(200);
    await expect(t.page.getByRole("searchbox")).toHaveValue(q.slice(0, 200));
    await t.check(`search for ${q.slice(0, 40)}`);
  }
  report(problems);
});

test("RSS feeds escape every field and carry only sanitised story HTML", async ({ anonymousPage }) => {
  const problems: string[] = [];
  const t = await trap(await anonymousPage(), problems);
  const { page } = t;
  for (const path of ["/feed.xml", "/sections/world/feed.xml"]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    const xml = await res.text();
    await page.goto("/"); // a same-origin document to parse the feed in
    // XML 1.0 forbids most control characters anywhere, CDATA included: one of them in one story
    // makes the whole feed unreadable for every subscriber.
    const invalid = [...xml.matchAll(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu)];
    if (invalid.length > 0) {
      const first = invalid[0]!;
      const line = xml.slice(0, first.index).split("\n").length;
      problems.push(`${path} is not well-formed XML: ${invalid.length} character(s) XML forbids, the first U+${first[0].codePointAt(0)!.toString(16).padStart(4, "0").toUpperCase()} on line ${line} (${JSON.stringify(xml.split("\n")[line - 1]!.slice(0, 60))}…)`);
    }
    // Check the rest on a copy without them, so one run reports everything.
    const items = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const error = doc.querySelector("parsererror")?.textContent ?? null;
      // Feed readers render <title>, <description> and dc:creator as HTML (lib/feed.ts escapes them
      // for HTML, then XML): read each as a reader would, in an inert document, and name any element.
      const asHtml = (field: string, value: string) => {
        const inert = document.implementation.createHTMLDocument("feed field");
        inert.body.innerHTML = value;
        const elements = Array.from(inert.body.querySelectorAll("*")).map((el) => `${field} has <${el.tagName.toLowerCase()}>`);
        return { text: inert.body.textContent ?? "", elements };
      };
      const items = Array.from(doc.querySelectorAll("item")).map((item) => {
        const title = asHtml("title", item.querySelector("title")?.textContent ?? "");
        const description = asHtml("description", item.querySelector("description")?.textContent ?? "");
        const creator = asHtml("dc:creator", item.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "creator")[0]?.textContent ?? "");
        return {
          title: title.text,
          description: description.text,
          creator: creator.text,
          elements: [...title.elements, ...description.elements, ...creator.elements],
          content: item.getElementsByTagNameNS("http://purl.org/rss/1.0/modules/content/", "encoded")[0]?.textContent ?? "",
        };
      });
      // Nothing but the RSS vocabulary: an XHTML <script> in a feed would run when opened.
      const foreign = Array.from(doc.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "*")).length;
      return { error, items, foreign };
    }, xml.replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, ""));
    expect(items.error, `${path} parses once the forbidden characters are removed`).toBeNull();
    if (items.foreign > 0) problems.push(`${path}: ${items.foreign} XHTML element(s) in the feed`);
    let found = 0;
    for (const story of world.stories) {
      const item = items.items.find((i) => i.title === story.headline);
      if (!item) continue;
      found++;
      for (const f of item.elements) problems.push(`${path}: “${story.headline.slice(0, 30)}”: ${f} when read as HTML`);
      if (!TEXT_PAYLOADS.some((p) => item.description.includes(p))) problems.push(`${path}: the dek of “${story.headline}” did not survive as text`);
      if (item.creator !== world.recruit.penName) problems.push(`${path}: dc:creator is ${JSON.stringify(item.creator)}, not the pen name as text`);
      const html = await page.evaluate((markup) => {
        const doc = document.implementation.createHTMLDocument("feed item");
        doc.body.innerHTML = markup;
        const out: string[] = [];
        for (const el of Array.from(doc.body.querySelectorAll("*"))) {
          // Tables joined the story schema (issue 13), in their scrolling wrapper.
          if (!["P", "H2", "H3", "STRONG", "EM", "A", "BLOCKQUOTE", "UL", "OL", "LI", "BR", "FIGURE", "IMG", "FIGCAPTION", "DIV", "TABLE", "TBODY", "TR", "TH", "TD"].includes(el.tagName)) out.push(`<${el.tagName.toLowerCase()}>`);
          for (const attr of Array.from(el.attributes)) if (attr.name.startsWith("on")) out.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
          const href = el.getAttribute("href");
          if (href !== null && !/^(https?:|mailto:|\/|#)/i.test(href.trim())) out.push(`<a href="${href.slice(0, 40)}">`);
        }
        return out;
      }, item.content);
      for (const f of html) problems.push(`${path}: content:encoded of “${story.headline.slice(0, 30)}” has ${f}`);
    }
    expect(found, `${path}: our stories in the feed`).toBeGreaterThanOrEqual(Math.min(5, world.stories.length));
    // Opened directly, the feed is an XML document: nothing in it may run either.
    await page.goto(path);
    await t.check(`${path} opened in the browser`);
  }
  report(problems);
});

test("newsroom pages (dashboard, editor, revisions, staff, audit log) run none of it", async ({ pageAs }) => {
  const problems: string[] = [];
  const t = await trap(await pageAs("adviser"), problems);
  const { page } = t;

  await page.goto("/newsroom");
  for (const story of world.stories.slice(0, 3)) await expect(page.getByRole("link", { name: story.headline, exact: true }).first()).toBeVisible();
  await t.check("adviser's dashboard");

  for (const story of world.stories) {
    await page.goto(`/newsroom/articles/${story.id}`);
    await expect(page.getByTestId("story-body")).toHaveAttribute("contenteditable", "true");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(story.headline);
    await t.check(`editor ${story.id}`);
    await expectCleanStoryBody(page, '[data-testid="story-body"]', problems, `editor ${story.id}`);
  }
  await page.goto(`/newsroom/articles/${world.discussed.id}`);
  await expect(page.getByTestId("comment-thread").filter({ hasText: TEXT_PAYLOADS[1]! }).first()).toBeVisible();
  await t.check("editor with payload comments and history notes");

  for (const story of world.stories.slice(0, 3)) {
    await page.goto(`/newsroom/articles/${story.id}/revisions`);
    await expect(page.getByTestId("revisions")).toBeVisible();
    await t.check(`revisions ${story.id}`);
  }
  await page.goto("/newsroom/staff");
  await expect(page.getByRole("row").filter({ hasText: world.recruit.email })).toContainText(world.recruit.fullName);
  await t.check("staff page");
  await page.goto("/newsroom/audit");
  await t.check("audit log");
  report(problems);
});

test("pasting hostile HTML into the editor stores and shows none of it", async ({ browser, baseURL }) => {
  // Without the newsroom's CSP: what is checked here is that the editor itself never puts pasted
  // markup into the live page. (With the CSP on, ProseMirror's parse of the clipboard in a
  // detached document already raises script-src-attr reports, though nothing runs there.)
  const context = await browser.newContext({ baseURL, bypassCSP: true });
  contexts.push(context);
  await signIn(context.request, world.recruit);
  const problems: string[] = [];
  const t = await trap(await context.newPage(), problems);
  const { page } = t;
  const headline = `Pasted story ${world.uid}`;
  await page.goto("/newsroom/articles/new");
  const body = page.getByTestId("story-body");
  await expect(body).toHaveAttribute("contenteditable", "true");
  await page.getByLabel("Headline", { exact: true }).fill(headline);
  await page.getByLabel("Section", { exact: true }).selectOption({ label: "World" });
  await body.click();
  // A paste from another page, as the clipboard delivers it: text/html plus a plain-text fallback.
  await body.evaluate((el, html) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "pasted");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, `<p>Pasted marker ${world.uid}.</p>${BODY_PAYLOADS.join("")}`);
  await expect(body).toContainText(`Pasted marker ${world.uid}.`);
  await t.check("editor after the paste");
  await expectCleanStoryBody(page, '[data-testid="story-body"]', problems, "editor after the paste");

  // No "Create story" (issue 11): the story exists from the first keystroke; autosave stores the paste.
  await expect(page).toHaveURL(/\/newsroom\/articles\/(?!new$)[a-z0-9]+$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const storedBody = async () => {
    const res = await page.request.get(`/api/v1/articles/${id}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { article: { body: string } }).article.body;
  };
  await expect.poll(storedBody, { timeout: 15_000 }).toContain(`Pasted marker ${world.uid}.`);
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved /);
  const stored = await storedBody();
  expect(stored).toContain(`Pasted marker ${world.uid}.`);
  expect(stored).not.toMatch(/<(script|iframe|svg|img|object|embed|form|input|math|style|details)\b|\son[a-z]+\s*=|javascript:|vbscript:|data:text/i);

  await page.reload();
  await expect(page.getByTestId("story-body")).toContainText(`Pasted marker ${world.uid}.`);
  await t.check("editor after saving the paste");
  await expectCleanStoryBody(page, '[data-testid="story-body"]', problems, "editor after saving the paste");
  report(problems);
});
