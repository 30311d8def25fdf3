// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, type TestUser, uniq } from "@/lib/testing/db";
import { createArticle, decideSuggestion, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { currentText } from "@/lib/domain/working-copy";
import { listSuggestions } from "@/lib/editor/suggestions";
import * as decideUseCase from "@/lib/use-cases/suggestions/decide-suggestion";

const SENTENCE = "Syrian insurgents entered the old grey city on Friday.";

/** What the editor sends after the adviser, in Suggesting mode, made three suggestions. */
function suggestedHtml(by: TestUser) {
  const who = (id: string) => `data-suggestion-id="${id}" data-author-id="${by.userId}" data-author-name="${by.fullName}" data-created-at="2026-12-02T10:42:00.000Z"`;
  return `<p>Syrian insurgents entered the old <del ${who("sgrey")}>grey </del>city<ins ${who("saleppo")}> of Aleppo</ins> on <del ${who("sday")}>Friday</del><ins ${who("sday")}>Saturday</ins>.</p>`;
}

async function aleppoInReview() {
  await setReviewPolicy("ADVISER_APPROVES");
  const [writer, adviser, stranger] = await Promise.all([
    createTestUser({ role: "WRITER", fullName: `Minji Kim ${uniq()}` }),
    createTestUser({ role: "ADVISER", fullName: `Hana Park ${uniq()}` }),
    createTestUser({ role: "WRITER" }),
  ]);
  const story = await createArticle({ actor: actorFor(writer), input: { headline: `Aleppo ${uniq()}`, dek: "", body: `<p>${SENTENCE}</p>` } });
  await transitionArticle({ actor: actorFor(writer), id: story.id, input: { action: "submit" } });
  const current = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { version: true } });
  const saved = await updateArticle({ actor: actorFor(adviser), id: story.id, input: { body: suggestedHtml(adviser), version: current.version } });
  return { writer, adviser, stranger, story, saved };
}

describe("suggestions through the use cases", () => {
  it("the adviser suggests, approval and publication ask first, the writer accepts two and rejects one; the history says who decided what", async () => {
    const { writer, adviser, stranger, story, saved } = await aleppoInReview();
    // Saved with the text, never shown to readers: body, bodyText and word count are the text without them.
    expect(saved.body).toBe(`<p>${SENTENCE}</p>`);
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { bodyText: true, wordCount: true, bodyJson: true } });
    expect(row).toMatchObject({ bodyText: SENTENCE, wordCount: 9 });
    expect(listSuggestions(JSON.parse(row.bodyJson)).map((s) => [s.id, s.kind, s.author.name])).toEqual([
      ["sgrey", "delete", adviser.fullName],
      ["saleppo", "insert", adviser.fullName],
      ["sday", "replace", adviser.fullName],
    ]);

    // Approving and publishing with open suggestions ask first, like required changes.
    const adv = actorFor(adviser);
    await expect(transitionArticle({ actor: adv, id: story.id, input: { action: "approve" } })).rejects.toMatchObject({ code: "CONFLICT", message: "3 suggestions are still open. Approve anyway?" });
    await transitionArticle({ actor: adv, id: story.id, input: { action: "approve", confirmOpenSuggestions: true } });
    await expect(transitionArticle({ actor: adv, id: story.id, input: { action: "publish" } })).rejects.toMatchObject({ code: "CONFLICT", message: "3 suggestions are still open. Publish anyway?" });
    const published = await transitionArticle({ actor: adv, id: story.id, input: { action: "publish", confirmOpenSuggestions: true } });
    expect(published.body).toBe(`<p>${SENTENCE}</p>`);

    // Another writer can read the published story but not decide its suggestions.
    await expect(decideSuggestion({ actor: actorFor(stranger), articleId: story.id, input: { suggestionId: "saleppo", decision: "accept" } })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const me = actorFor(writer);
    const first = await decideSuggestion({ actor: me, articleId: story.id, input: { suggestionId: "saleppo", decision: "accept" } });
    expect(first.article.version).toBe(published.version + 1);
    expect(first.article.body).toBe("<p>Syrian insurgents entered the old grey city of Aleppo on Friday.</p>");
    await decideSuggestion({ actor: me, articleId: story.id, input: { suggestionId: "sday", decision: "accept" } });
    const last = await decideSuggestion({ actor: me, articleId: story.id, input: { suggestionId: "sgrey", decision: "reject" } });
    expect(last.suggestions).toEqual([]);
    expect(last.article.version).toBe(published.version + 3);
    // The story is live: the decisions went to its working copy; readers still have the published text.
    const decided = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(decided).toMatchObject({ bodyText: SENTENCE, bodyHtml: `<p>${SENTENCE}</p>`, draftBodyText: "Syrian insurgents entered the old grey city of Aleppo on Saturday." });
    expect((await db.$queryRaw<{ body: string }[]>`SELECT "body" FROM "ArticleSearch" WHERE "articleId" = ${story.id}`)[0]?.body).not.toContain("Aleppo on Saturday");
    await transitionArticle({ actor: adv, id: story.id, input: { action: "publish_changes" } });
    const final = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { bodyText: true, bodyHtml: true, bodyJson: true, wordCount: true } });
    expect(final.bodyText).toBe("Syrian insurgents entered the old grey city of Aleppo on Saturday.");
    expect(final.bodyHtml).toBe("<p>Syrian insurgents entered the old grey city of Aleppo on Saturday.</p>");
    expect(final.bodyJson).not.toMatch(/insertion|deletion/);
    expect(final.wordCount).toBe(11);
    // The search index follows the public text.
    const search = await db.$queryRaw<{ body: string }[]>`SELECT "body" FROM "ArticleSearch" WHERE "articleId" = ${story.id}`;
    expect(search[0]?.body).toContain("Aleppo on Saturday");

    const history = await db.transition.findMany({ where: { articleId: story.id, action: { in: ["accept_suggestion", "reject_suggestion"] } }, orderBy: { createdAt: "asc" }, select: { action: true, note: true, actorId: true } });
    expect(history).toEqual([
      { action: "accept_suggestion", actorId: writer.userId, note: `${writer.fullName} accepted a suggestion by ${adviser.fullName}: “of Aleppo”` },
      { action: "accept_suggestion", actorId: writer.userId, note: `${writer.fullName} accepted a suggestion by ${adviser.fullName}: “Friday” → “Saturday”` },
      { action: "reject_suggestion", actorId: writer.userId, note: `${writer.fullName} rejected a suggestion by ${adviser.fullName}: “grey”` },
    ]);
    const audit = await db.auditLog.findMany({ where: { subject: story.id, action: { startsWith: "suggestion." } }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(audit).toEqual([
      { action: "suggestion.accept", actorId: writer.userId },
      { action: "suggestion.accept", actorId: writer.userId },
      { action: "suggestion.reject", actorId: writer.userId },
    ]);
    const revisions = await db.revision.findMany({ where: { articleId: story.id, event: { in: ["accept_suggestion", "reject_suggestion"] } } });
    expect(revisions).toHaveLength(3);

    // A decided suggestion is gone: deciding it again is 404, and nothing changes.
    await expect(decideSuggestion({ actor: me, articleId: story.id, input: { suggestionId: "sgrey", decision: "accept" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a reviewer rejects all of them at once, one history line each; a story someone cannot see is 404", async () => {
    const { adviser, stranger, story } = await aleppoInReview();
    await expect(decideSuggestion({ actor: actorFor(stranger), articleId: story.id, input: { suggestionId: "all", decision: "reject" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const result = await decideSuggestion({ actor: actorFor(adviser), articleId: story.id, input: { suggestionId: "all", decision: "reject" } });
    expect(result.decided).toEqual(["sgrey", "saleppo", "sday"]);
    expect(result.article.body).toBe(`<p>${SENTENCE}</p>`);
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { bodyJson: true } });
    expect(listSuggestions(JSON.parse(row.bodyJson))).toEqual([]);
    expect(await db.transition.count({ where: { articleId: story.id, action: "reject_suggestion" } })).toBe(3);
    // With none open, approval no longer asks.
    await transitionArticle({ actor: actorFor(adviser), id: story.id, input: { action: "approve" } });
  });

  it("a published story's suggestions live in its working copy: listed there, decided there, and the live text, the search index and the reader site wait for Publish changes", async () => {
    const [writer, adviser] = await Promise.all([createTestUser({ role: "WRITER", fullName: `Minji Kim ${uniq()}` }), createTestUser({ role: "ADVISER", fullName: `Hana Park ${uniq()}` })]);
    const adv = actorFor(adviser);
    const story = await createArticle({ actor: actorFor(writer), input: { headline: `Aleppo live ${uniq()}`, dek: "", body: `<p>${SENTENCE}</p>` } });
    await transitionArticle({ actor: actorFor(writer), id: story.id, input: { action: "submit" } });
    await transitionArticle({ actor: adv, id: story.id, input: { action: "approve" } });
    const published = await transitionArticle({ actor: adv, id: story.id, input: { action: "publish" } });
    // The adviser suggests in the live story: the edit (and its suggestions) is the working copy.
    const saved = await updateArticle({ actor: adv, id: story.id, input: { body: suggestedHtml(adviser), version: published.version } });
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.bodyJson).not.toMatch(/insertion|deletion/);
    // Listed from the text the editor edits (what GET …/suggestions reads).
    expect(listSuggestions(JSON.parse(currentText(row).bodyJson)).map((s) => s.id)).toEqual(["sgrey", "saleppo", "sday"]);

    const accepted = await decideUseCase.decideSuggestion({ actor: actorFor(writer), articleId: story.id, input: { suggestionId: "saleppo", decision: "accept" } });
    expect(accepted.effects.readerSiteChanged).toBe(false);
    expect(accepted.data.article.version).toBe(saved.version + 1);
    expect(accepted.data.article).toMatchObject({ body: "<p>Syrian insurgents entered the old grey city of Aleppo on Friday.</p>", pendingChanges: true, live: { body: `<p>${SENTENCE}</p>` } });
    expect(accepted.data.suggestions.map((s) => s.id)).toEqual(["sgrey", "sday"]);
    expect(accepted.data.editorBody).toMatch(/data-suggestion-id="sday"/);
    const after = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    // The live columns are untouched; the working copy is re-rendered (suggestions left out of the text).
    expect({ bodyJson: after.bodyJson, bodyHtml: after.bodyHtml, bodyText: after.bodyText, wordCount: after.wordCount }).toEqual({ bodyJson: row.bodyJson, bodyHtml: row.bodyHtml, bodyText: row.bodyText, wordCount: row.wordCount });
    expect(after).toMatchObject({ draftBodyHtml: "<p>Syrian insurgents entered the old grey city of Aleppo on Friday.</p>", draftBodyText: "Syrian insurgents entered the old grey city of Aleppo on Friday.", draftWordCount: 11 });
    expect(listSuggestions(JSON.parse(currentText(after).bodyJson)).map((s) => s.id)).toEqual(["sgrey", "sday"]);
    const search = await db.$queryRaw<{ body: string }[]>`SELECT "body" FROM "ArticleSearch" WHERE "articleId" = ${story.id}`;
    expect(search[0]?.body).not.toContain("of Aleppo");
    // The revision keeps the working copy, and the history line is written as for any story.
    const revision = await db.revision.findFirstOrThrow({ where: { articleId: story.id, event: "accept_suggestion" } });
    expect(revision.bodyText).toBe("Syrian insurgents entered the old grey city of Aleppo on Friday.");
    expect(await db.transition.count({ where: { articleId: story.id, action: "accept_suggestion" } })).toBe(1);

    // Publishing the changes asks first while suggestions are open, then readers get the decided text.
    await expect(transitionArticle({ actor: adv, id: story.id, input: { action: "publish_changes" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await decideSuggestion({ actor: adv, articleId: story.id, input: { suggestionId: "all", decision: "reject" } });
    await transitionArticle({ actor: adv, id: story.id, input: { action: "publish_changes" } });
    const live = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(live).toMatchObject({ bodyText: "Syrian insurgents entered the old grey city of Aleppo on Friday.", draftBodyJson: null });
    expect(live.bodyJson).not.toMatch(/insertion|deletion/);
  });
});

describe("a co-author who may no longer edit", () => {
  it("suggests on the story in review (the save only adds suggestions), but a plain edit, or a new headline, is refused", async () => {
    await setReviewPolicy("ADVISER_APPROVES");
    const [writer, coAuthor, stranger] = await Promise.all([
      createTestUser({ role: "WRITER" }),
      createTestUser({ role: "WRITER", fullName: `Jae Song ${uniq()}` }),
      createTestUser({ role: "WRITER" }),
    ]);
    const story = await createArticle({ actor: actorFor(writer), input: { headline: `Aleppo ${uniq()}`, dek: "", body: `<p>${SENTENCE}</p>`, coAuthorIds: [coAuthor.personId] } });
    const inReview = await transitionArticle({ actor: actorFor(writer), id: story.id, input: { action: "submit" } });
    const me = actorFor(coAuthor);

    await expect(updateArticle({ actor: me, id: story.id, input: { body: "<p>Syrian insurgents entered Aleppo.</p>", version: inReview.version } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateArticle({ actor: me, id: story.id, input: { headline: "A new headline", body: suggestedHtml(coAuthor), version: inReview.version } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateArticle({ actor: me, id: story.id, input: { tags: ["Syria"], version: inReview.version } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Suggestions in someone else's name are refused.
    await expect(updateArticle({ actor: me, id: story.id, input: { body: suggestedHtml(writer), version: inReview.version } })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const saved = await updateArticle({ actor: me, id: story.id, input: { headline: inReview.headline, dek: "", body: suggestedHtml(coAuthor), version: inReview.version } });
    expect(saved.body).toBe(`<p>${SENTENCE}</p>`);
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { bodyJson: true, status: true } });
    expect(row.status).toBe("SUBMITTED");
    expect(listSuggestions(JSON.parse(row.bodyJson)).map((s) => [s.id, s.author.name])).toEqual([
      ["sgrey", coAuthor.fullName],
      ["saleppo", coAuthor.fullName],
      ["sday", coAuthor.fullName],
    ]);
    // Someone who only reads the story suggests nothing (404: a draft in review is not theirs to see).
    await expect(updateArticle({ actor: actorFor(stranger), id: story.id, input: { body: suggestedHtml(stranger), version: saved.version } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
