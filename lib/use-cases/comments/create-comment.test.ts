// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, uniq } from "@/lib/testing/db";
import { createArticle, createComment } from "@/lib/testing/use-cases";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";

describe("createComment with a client-chosen id", () => {
  it("never tells whether an id is in use on a story the commenter cannot see", async () => {
    await setReviewPolicy("ADVISER_APPROVES");
    const [hidden, other] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "WRITER" })]);
    const secret = await createArticle({ actor: actorFor(hidden), input: { headline: `Secret ${uniq()}`, dek: "", body: "<p>Words.</p>" } });
    const mine = await createArticle({ actor: actorFor(other), input: { headline: `Mine ${uniq()}`, dek: "", body: "<p>Words.</p>" } });
    const takenId = `c${uniq()}${uniq()}${uniq().slice(0, 4)}`;
    await createComment({ actor: actorFor(hidden), articleId: secret.id, input: { id: takenId, body: "A note on my draft." } });

    // The same answer as for a free id: a saved comment, never "That comment id is taken".
    const made = await createComment({ actor: actorFor(other), articleId: mine.id, input: { id: takenId, body: "Probing." } });
    const free = await createComment({ actor: actorFor(other), articleId: mine.id, input: { id: `c${uniq()}${uniq()}`, body: "Free." } });
    expect(made).toEqual({ id: expect.stringMatching(/^c[0-9a-f]{24}$/) });
    expect(free).toEqual({ id: expect.stringMatching(/^c[0-9a-f]{20,40}$/) });
    // The hidden comment is untouched, and the probe did not land on it.
    expect(await db.comment.findUniqueOrThrow({ where: { id: takenId }, select: { articleId: true, body: true } })).toEqual({ articleId: secret.id, body: "A note on my draft." });
    expect(await db.comment.findUniqueOrThrow({ where: { id: made.id }, select: { articleId: true } })).toEqual({ articleId: mine.id });
  });

  it("refuses short, guessable ids", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const story = await createArticle({ actor: actorFor(writer), input: { headline: `Story ${uniq()}`, dek: "", body: "<p>Words.</p>" } });
    await expect(createComment({ actor: actorFor(writer), articleId: story.id, input: { id: "c12345678", body: "Hi." } })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
