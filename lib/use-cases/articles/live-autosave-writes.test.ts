// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, failInsertsAndDeletesOf, setReviewPolicy, uniq } from "@/lib/testing/db";
import { createArticle, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";

// Issue 16: an autosave of a live story writes its working copy's text, and leaves the working
// copy's tags and bylines (ArticleDraftTag, ArticleDraftAuthor) alone unless the save changes them.
let asWriter: Actor, asAdviser: Actor, coAuthorId: string;

beforeAll(async () => {
  const [writer, adviser, coAuthor] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "ADVISER" }), createTestUser({ role: "WRITER" })]);
  [asWriter, asAdviser, coAuthorId] = [actorFor(writer), actorFor(adviser), coAuthor.personId];
  await setReviewPolicy("ADVISER_APPROVES");
});

async function liveStory() {
  const tags = [`Rail ${uniq()}`, `Bus ${uniq()}`];
  const story = await createArticle({ actor: asWriter, input: { headline: `Aleppo ${uniq()}`, body: "<p>The live text.</p>", tags, coAuthorIds: [coAuthorId] } });
  await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
  const live = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
  return { id: story.id, version: live.version, tags };
}

const paragraph = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

describe("a live story's autosave", () => {
  it("writes no tag or byline rows of the working copy when only the text changes", async () => {
    const story = await liveStory();
    // The first save starts the working copy: its tags and bylines are copied from the live story.
    let saved = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, bodyJson: paragraph("First change."), tags: story.tags } });
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(2);
    expect(await db.articleDraftAuthor.count({ where: { articleId: story.id } })).toBe(2);

    const release = [await failInsertsAndDeletesOf("ArticleDraftTag", "articleId", story.id), await failInsertsAndDeletesOf("ArticleDraftAuthor", "articleId", story.id)];
    try {
      // The autosave sends every field every time, the same tags and bylines among them.
      for (const text of ["Second change.", "Third change."]) {
        saved = await updateArticle({ actor: asAdviser, id: story.id, input: { version: saved.version, bodyJson: paragraph(text), tags: story.tags, coAuthorIds: [coAuthorId] } });
      }
      expect(saved).toMatchObject({ pendingChanges: true, body: "<p>Third change.</p>" });
      // A save that does change a tag rewrites them (the trigger proves the rows are guarded; on
      // SQLite Prisma names the refused statement rather than the trigger's message).
      await expect(updateArticle({ actor: asAdviser, id: story.id, input: { version: saved.version, tags: [story.tags[0]!] } })).rejects.toThrow(/rows touched|articleDraftTag\.deleteMany/);
    } finally {
      for (const r of release) await r();
    }
    saved = await updateArticle({ actor: asAdviser, id: story.id, input: { version: saved.version, tags: [story.tags[0]!] } });
    expect(saved.tags.map((t) => t.name)).toEqual([story.tags[0]]);
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(1);
    expect(await db.articleDraftAuthor.count({ where: { articleId: story.id } })).toBe(2);
  });

  it("drops the working copy's rows when a save takes it back to what readers see", async () => {
    const story = await liveStory();
    const changed = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, bodyJson: paragraph("A change."), tags: story.tags } });
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(2);
    const back = await updateArticle({ actor: asAdviser, id: story.id, input: { version: changed.version, bodyJson: paragraph("The live text."), tags: story.tags } });
    expect(back.pendingChanges).toBe(false);
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(0);
    expect(await db.articleDraftAuthor.count({ where: { articleId: story.id } })).toBe(0);
  });
});
