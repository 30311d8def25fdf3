// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, type TestUser } from "@/lib/testing/db";
import { createArticle, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { findEditorArticle, findPublishedArticle, renderBody, withRenderedBody } from "@/lib/data/articles";
import { db } from "@/lib/data/db";
import { UNRENDERED_HTML } from "@/lib/domain/working-copy";
import { updateArticle as updateArticleUseCase } from "@/lib/use-cases/articles/update-article";
import { ServerTiming, parseServerTiming } from "@/lib/http/server-timing";

/**
 * Issue 16: a save stores the document, its text and word count, and renders no HTML; the HTML
 * is rendered and sanitised once, when the version becomes visible to someone else (a
 * transition) or when a view or an API answer needs it, and is then kept.
 */
let writer: TestUser, adviser: TestUser;
let asWriter: Actor, asAdviser: Actor;

beforeAll(async () => {
  [writer, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "ADVISER" })]);
  [asWriter, asAdviser] = [actorFor(writer), actorFor(adviser)];
  await setReviewPolicy("ADVISER_APPROVES");
});

const HTML =
  '<h2>Exam week</h2><p>Grade 11 sat <strong>five</strong> papers, said <a href="https://example.org/notice" onclick="steal()">the notice</a>.</p><p><img src="https://evil.example/x.png"></p><ul><li><p>Maths</p></li></ul>';

/** The HTML the old save path stored for `html` (parse, render, sanitise on every save). */
const oldPathHtml = async (html: string) => (await renderBody(html)).html;

/** The editor's document for `html`, as the editor would send it. */
async function docOf(html: string): Promise<unknown> {
  return (await renderBody(html)).json;
}

/** A save as the editor's autosave makes it: the short answer (Prefer: return=minimal). */
async function saveMinimal(args: { actor: Actor; id: string; input: { version: number; body?: string; bodyJson?: unknown } }) {
  return (await updateArticleUseCase({ ...args, answer: "minimal" })).data;
}

async function draft(headline = "Render once") {
  return createArticle({ actor: asWriter, input: { headline, body: "<p>First words.</p>" } });
}

describe("a draft save", () => {
  it("stores the document, text and word count and leaves the HTML unrendered (editor's document, short answer)", async () => {
    const story = await draft();
    const saved = await saveMinimal({ actor: asWriter, id: story.id, input: { version: story.version, bodyJson: await docOf(HTML) } });
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.bodyHtml).toBe(UNRENDERED_HTML);
    expect(row.bodyText).toBe("Exam week\n\nGrade 11 sat five papers, said the notice.\n\nMaths");
    expect(row.wordCount).toBe(11);
    expect(JSON.parse(row.bodyJson)).toEqual(await docOf(HTML));
    expect(saved).toEqual({ id: story.id, slug: row.slug, status: row.status, version: story.version + 1, wordCount: 11, updatedAt: row.updatedAt.toISOString(), pendingChanges: false });
    // The revision holds the text as always.
    const revision = await db.revision.findFirstOrThrow({ where: { articleId: story.id, version: saved.version } });
    expect(revision.bodyText).toBe(row.bodyText);
  });

  it("renders nothing for an HTML body either: it is parsed once", async () => {
    const story = await draft();
    await saveMinimal({ actor: asWriter, id: story.id, input: { version: story.version, body: HTML } });
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.bodyHtml).toBe(UNRENDERED_HTML);
    expect(row.bodyJson).toBe(JSON.stringify(await docOf(HTML)));
  });

  it("answers the full story when asked (the default): rendered after the commit, sanitised, and kept for the next reader", async () => {
    const story = await draft();
    const saved = await updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, bodyJson: await docOf(HTML) } });
    expect(saved.body).toBe(await oldPathHtml(HTML));
    expect(saved.body).not.toContain("onclick");
    expect(saved.body).not.toContain("evil.example");
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.bodyHtml).toBe(saved.body);
    expect(row.updatedAt.toISOString()).toBe(saved.updatedAt);
  });
});

describe("the HTML of a saved version", () => {
  it("is rendered at submit, and equals what the old save path stored", async () => {
    const story = await draft();
    const saved = await saveMinimal({ actor: asWriter, id: story.id, input: { version: story.version, bodyJson: await docOf(HTML) } });
    const submitted = await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.bodyHtml).toBe(await oldPathHtml(HTML));
    expect(submitted.body).toBe(row.bodyHtml);
    expect(submitted.version).toBe(saved.version);
  });

  it("of a published story's working copy is rendered when the changes are published: readers get what the old path produced", async () => {
    const story = await draft(`Live render ${Date.now()}`);
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
    const live = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
    const saved = await saveMinimal({ actor: asAdviser, id: story.id, input: { version: live.version, bodyJson: await docOf(HTML) } });
    expect(saved.pendingChanges).toBe(true);
    let row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.draftBodyHtml).toBe(UNRENDERED_HTML);
    // Readers still get the live text, rendered.
    expect((await findPublishedArticle({ slug: live.slug }))?.body).toBe("<p>First words.</p>");
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.bodyHtml).toBe(await oldPathHtml(HTML));
    expect((await findPublishedArticle({ slug: live.slug }))?.body).toBe(await oldPathHtml(HTML));
  });

  it("a working copy typed back to the live text has no pending changes, rendered or not", async () => {
    const story = await draft(`Typed back ${Date.now()}`);
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
    const live = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
    const edited = await saveMinimal({ actor: asAdviser, id: story.id, input: { version: live.version, body: "<p>Other words.</p>" } });
    expect(edited.pendingChanges).toBe(true);
    const back = await saveMinimal({ actor: asAdviser, id: story.id, input: { version: edited.version, bodyJson: await docOf("<p>First words.</p>") } });
    expect(back.pendingChanges).toBe(false);
    expect((await findEditorArticle({ id: story.id, actor: asAdviser })).pendingChanges).toBe(false);
  });

  it("is rendered by the first view that needs it, kept, and leaves the version and the last-save time alone", async () => {
    const story = await draft();
    const saved = await saveMinimal({ actor: asWriter, id: story.id, input: { version: story.version, bodyJson: await docOf(HTML) } });
    const dto = await findEditorArticle({ id: story.id, actor: asWriter });
    expect(dto.body).toBe(await oldPathHtml(HTML));
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.bodyHtml).toBe(dto.body);
    expect(row.version).toBe(saved.version);
    expect(row.updatedAt.toISOString()).toBe(saved.updatedAt);
  });

  it("rendered from a document a newer save replaced is not written over that save", async () => {
    const story = await draft();
    const first = await saveMinimal({ actor: asWriter, id: story.id, input: { version: story.version, body: "<p>Older words.</p>" } });
    const stale = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    await saveMinimal({ actor: asWriter, id: story.id, input: { version: first.version, body: HTML } });
    await withRenderedBody(stale);
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.bodyHtml).toBe(UNRENDERED_HTML);
    expect((await findEditorArticle({ id: story.id, actor: asWriter })).body).toBe(await oldPathHtml(HTML));
  });
});

describe("Server-Timing", () => {
  it("splits a request into parts that add up to no more than the total, and reads back", async () => {
    const clock = new ServerTiming();
    clock.mark("parse");
    await new Promise((r) => setTimeout(r, 5));
    clock.mark("persist");
    clock.mark("parse");
    const parts = parseServerTiming(clock.header());
    expect(Object.keys(parts)).toEqual(["parse", "persist", "total"]);
    expect(parts.persist).toBeGreaterThanOrEqual(4);
    expect(parts.parse + parts.persist).toBeLessThanOrEqual(parts.total + 0.02);
  });

  it("counts from when the request's handling began, so the session lookup before the handler is a part too", () => {
    const clock = new ServerTiming(performance.now() - 10);
    clock.mark("auth");
    const parts = parseServerTiming(clock.header());
    expect(parts.auth).toBeGreaterThanOrEqual(10);
    expect(parts.total).toBeGreaterThanOrEqual(parts.auth);
  });
});
