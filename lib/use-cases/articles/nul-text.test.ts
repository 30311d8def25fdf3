// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser } from "@/lib/testing/db";
import { createArticle, createComment, updateArticle } from "@/lib/testing/use-cases";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";

/**
 * U+0000 in text (pasted from a binary file, sent by a script): PostgreSQL cannot store it and
 * answered a 500 after validation. On both engines it is stored as U+FFFD.
 */
describe("text holding U+0000", () => {
  it("is saved with U+FFFD in a dek, a body and a comment, on either engine", async () => {
    const writer = actorFor(await createTestUser({ role: "WRITER" }));
    const story = await createArticle({ actor: writer, input: { headline: "Budget vote", dek: "Twelve\u0000 to three", body: "<p>Body\u0000 text.</p>" } });
    const saved = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { dek: true, version: true } });
    expect(saved.dek).toBe("Twelve\uFFFD to three");
    await updateArticle({ actor: writer, id: story.id, input: { dek: "\u0000", version: saved.version } });
    expect((await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { dek: true } })).dek).toBe("\uFFFD");
    await createComment({ actor: writer, articleId: story.id, input: { body: "Check\u0000 this" } });
    expect((await db.comment.findFirstOrThrow({ where: { articleId: story.id }, select: { body: true } })).body).toBe("Check\uFFFD this");
  });
});
