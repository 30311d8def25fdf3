import { type APIRequestContext, expect, type Locator, type Page } from "@playwright/test";
import type { Article } from "./fixtures";

/**
 * Helpers for the "never lose a word" specs (conflicts, offline, comments, revisions). Login and
 * story factories come from ./fixtures; these drive the story editor and read the API back.
 */

/** What the save-status line says once the server has acknowledged the text. */
export const SAVED = /^Saved \d\d:\d\d$/;

export type Revision = { id: string; version: number; event: string; headline: string; dek: string; text: string; leadImageCaption: string | null; author: string; createdAt: string };
export type Comment = { id: string; kind: "COACHING" | "REQUIRED"; body: string; quote: string | null; anchor: "anchored" | "deleted" | "general"; selector: { exact: string; prefix: string; suffix: string; start: number; end: number } | null; resolved: boolean };

export function saveStatus(page: Page) {
  return page.getByTestId("save-status");
}

export function storyBody(page: Page) {
  return page.getByTestId("story-body");
}

/** Open a story in the editor and wait until the Tiptap editor has mounted (it renders client-side only). */
export async function openStory(page: Page, id: string) {
  await page.goto(`/newsroom/articles/${id}`);
  await expect(storyBody(page)).toHaveAttribute("contenteditable", "true");
}

/** Type a new paragraph at the very end of the story. */
export async function typeNewParagraph(page: Page, text: string) {
  await storyBody(page).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
}

/**
 * Select `text` inside the story with a DOM Range, as a mouse drag would; ProseMirror picks it
 * up from `selectionchange`. With `caretAtEnd` the selection collapses to just after the text.
 */
export async function selectInStory(page: Page, text: string, { caretAtEnd = false } = {}) {
  await storyBody(page).click();
  const found = await storyBody(page).evaluate(
    (root, { text, caretAtEnd }) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(text) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, caretAtEnd ? at + text.length : at);
        range.setEnd(node, at + text.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return true;
      }
      return false;
    },
    { text, caretAtEnd },
  );
  expect(found, `“${text}” is in one text node of the story`).toBe(true);
}

/** All underlined (only in the newer or "mine" side) and struck-through words of a diff view. */
export async function diffParts(diff: Locator): Promise<{ added: string; removed: string }> {
  await expect(diff).toBeVisible();
  const join = async (tag: string) => (await diff.locator(tag).allTextContents()).join(" ");
  return { added: await join("ins"), removed: await join("del") };
}

export async function getArticle(api: APIRequestContext, id: string): Promise<Article> {
  const res = await api.get(`/api/v1/articles/${id}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { article: Article }).article;
}

/** Save through the Admin API as the editor would (optimistic `version`); expects 200. */
export async function patchStory(api: APIRequestContext, id: string, data: { body?: string; headline?: string; version: number }): Promise<Article> {
  const res = await api.patch(`/api/v1/articles/${id}`, { data });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { article: Article }).article;
}

/** Every revision, newest first. */
export async function listRevisions(api: APIRequestContext, id: string): Promise<Revision[]> {
  const res = await api.get(`/api/v1/articles/${id}/revisions`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { revisions: Revision[] }).revisions;
}

export async function listComments(api: APIRequestContext, id: string): Promise<Comment[]> {
  const res = await api.get(`/api/v1/articles/${id}/comments`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { comments: Comment[] }).comments;
}

/** The text of the story as stored on the server (tags stripped). */
export async function serverText(api: APIRequestContext, id: string): Promise<string> {
  const { body } = await getArticle(api, id);
  return body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}
