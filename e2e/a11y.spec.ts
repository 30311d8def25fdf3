import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createStory, DEMO_PAST_VOLUME, DEMO_VOLUME, demoCredentials, expect, signIn, test, transition, uniqueId } from "./fixtures";

/**
 * WCAG 2.1 A and AA with axe-core, zero violations, on every reader page and every newsroom
 * page (as the adviser, who sees them all), in the light and the dark colour scheme; and the
 * keyboard basics: a skip link first, and a visible focus ring.
 */

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** A published story with a tag, so that a tag page, revisions and a full editor exist. */
let story: { id: string; slug: string; tagSlug: string };

test.beforeAll(async ({ playwright, baseURL }) => {
  const uid = uniqueId();
  const writer = await playwright.request.newContext({ baseURL });
  const adviser = await playwright.request.newContext({ baseURL });
  try {
    await signIn(writer, demoCredentials("writer"));
    await signIn(adviser, demoCredentials("adviser"));
    const created = await createStory(writer, { headline: `Aleppo residents return to the old city (${uid})`, section: "world", dek: "A story for the accessibility checks." });
    const tagged = await writer.patch(`/api/v1/articles/${created.id}`, { data: { tags: ["Syria"], version: created.version } });
    expect(tagged.status(), await tagged.text()).toBe(200);
    const { article } = (await tagged.json()) as { article: { tags: { slug: string }[] } };
    await transition(writer, created.id, "submit");
    await transition(adviser, created.id, "approve");
    const published = await transition(adviser, created.id, "publish");
    story = { id: created.id, slug: published.slug, tagSlug: article.tags[0]!.slug };
  } finally {
    await writer.dispose();
    await adviser.dispose();
  }
});

type Target = { name: string; path: () => string; status?: number; ready?: (page: Page) => Promise<void> };

const PUBLIC: Target[] = [
  { name: "front page", path: () => "/" },
  { name: "story", path: () => "/articles/syrian-insurgents-enter-aleppo" },
  { name: "section", path: () => "/sections/world" },
  { name: "search results", path: () => "/search?q=aleppo" },
  { name: "staff", path: () => "/staff" },
  { name: "staff of a past volume", path: () => `/staff/volumes/${DEMO_PAST_VOLUME.number}` },
  { name: "author", path: () => "/authors/jaehoon-song" },
  { name: "tag", path: () => `/tags/${story.tagSlug}` },
  { name: "sign in", path: () => "/login" },
  { name: "forgot password", path: () => "/forgot-password" },
  { name: "reset password", path: () => `/reset-password?token=${"A".repeat(43)}` },
  { name: "not found", path: () => "/no-such-page", status: 404 },
];

/** The editor renders on the client: wait until Tiptap has mounted before checking. */
const editorMounted = async (page: Page) => {
  await expect(page.getByTestId("story-body")).toHaveAttribute("contenteditable", "true");
};

const NEWSROOM: Target[] = [
  { name: "dashboard", path: () => "/newsroom" },
  { name: "new story", path: () => "/newsroom/articles/new", ready: editorMounted },
  { name: "story editor", path: () => `/newsroom/articles/${story.id}`, ready: editorMounted },
  { name: "revisions", path: () => `/newsroom/articles/${story.id}/revisions` },
  { name: "staff", path: () => "/newsroom/staff" },
  { name: "volumes and issues", path: () => "/newsroom/issues" },
  { name: "a volume's masthead", path: () => `/newsroom/issues/masthead/${DEMO_VOLUME.number}` },
  { name: "settings", path: () => "/newsroom/settings" },
  { name: "account", path: () => "/newsroom/account" },
  { name: "audit log", path: () => "/newsroom/audit" },
];

/** Every violation, one line per failing element: rule, impact, selector, and what is wrong. */
function formatViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      ${n.target.join(" ")}\n        ${(n.failureSummary ?? "").replace(/\n/g, "\n        ")}\n        ${n.html.slice(0, 200)}`)
        .join("\n");
      return `  [${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join("\n");
}

async function expectNoViolations(page: Page, target: Target, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme });
  const response = await page.goto(target.path());
  expect(response?.status(), target.path()).toBe(target.status ?? 200);
  await target.ready?.(page);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(violations, `${violations.length} axe violation(s) on ${target.path()} (${scheme}):\n${formatViolations(violations)}`).toEqual([]);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} colour scheme`, () => {
    for (const target of PUBLIC) {
      test(`reader: ${target.name} has no WCAG 2.1 AA violations`, async ({ anonymousPage }) => {
        await expectNoViolations(await anonymousPage(), target, scheme);
      });
    }
    for (const target of NEWSROOM) {
      test(`newsroom (adviser): ${target.name} has no WCAG 2.1 AA violations`, async ({ pageAs }) => {
        await expectNoViolations(await pageAs("adviser"), target, scheme);
      });
    }
  });
}

test.describe("keyboard", () => {
  test("the first Tab on the front page reaches “Skip to content”, which moves focus to the main content", async ({ anonymousPage }) => {
    const page = await anonymousPage();
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    // Once focused, the link is on screen (it is hidden off-canvas until then).
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0, `skip link box ${JSON.stringify(box)}`).toBe(true);
    expect(await skip.getAttribute("href")).toBe("#main");

    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName ?? null, id: el?.id ?? null, inMain: !!el?.closest("#main") };
    });
    expect(focused.inMain, `after the skip link, focus is on #main or inside it, not on ${focused.tag}${focused.id ? `#${focused.id}` : ""}`).toBe(true);

    // And the next Tab continues inside the main content, not back in the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("#main"))).toBe(true);
  });

  test("keyboard focus on links is visible (an outline)", async ({ anonymousPage }) => {
    const page = await anonymousPage();
    await page.goto("/");
    const seen: string[] = [];
    // The skip link, then the masthead, the section links and the first stories.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          tag: el.tagName,
          text: (el.textContent ?? "").trim().slice(0, 40),
          outlineStyle: style.outlineStyle,
          outlineWidth: Number.parseFloat(style.outlineWidth),
          focusVisible: el.matches(":focus-visible"),
        };
      });
      expect(focus, `Tab ${i + 1} focused something`).not.toBeNull();
      if (focus!.tag !== "A") continue;
      seen.push(focus!.text);
      expect(focus!.focusVisible, `“${focus!.text}” matches :focus-visible`).toBe(true);
      expect(focus!.outlineStyle, `“${focus!.text}” has an outline`).not.toBe("none");
      expect(focus!.outlineWidth, `“${focus!.text}” outline width`).toBeGreaterThanOrEqual(2);
    }
    expect(seen.length).toBeGreaterThanOrEqual(5);
  });
});
