// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, uniq } from "@/lib/testing/db";
import { createArticle, createComment, setCommentResolved, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import { describe, expect, it } from "vitest";
import { listComments } from "@/lib/data/comments";
import { db } from "@/lib/data/db";
import { anchorFor, anchorText } from "@/lib/domain/anchors";

const QUOTE = "Push back their fire from our people";
const BODY = `<p>The offensive began at dawn.</p><p>Abdulghany said the aim was to “${QUOTE}” and to defend the land.</p>`;

async function setUp() {
  await setReviewPolicy("ADVISER_APPROVES");
  const [writer, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "ADVISER" })]);
  const story = await createArticle({ actor: actorFor(writer), input: { headline: `Aleppo ${uniq()}`, dek: "", body: BODY } });
  await transitionArticle({ actor: actorFor(writer), id: story.id, input: { action: "submit" } });
  // Back with the writer, who may edit while the adviser comments.
  await transitionArticle({ actor: actorFor(adviser), id: story.id, input: { action: "request_changes", note: "See the comments." } });
  const row = () => db.article.findUniqueOrThrow({ where: { id: story.id }, select: { version: true, bodyJson: true, bodyHtml: true, updatedAt: true } });
  return { writer, adviser, story, row };
}

/** The selectors the editor would send for the first occurrence of `quote` in the saved text. */
async function selectorFor(articleId: string, quote: string) {
  const { bodyJson } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { bodyJson: true } });
  const { text } = anchorText(JSON.parse(bodyJson));
  return anchorFor(text, text.indexOf(quote), text.indexOf(quote) + quote.length);
}

describe("comments live beside the story", () => {
  it("creating, replying to and resolving a comment leave the story's body and version alone", async () => {
    const { writer, adviser, story, row } = await setUp();
    const before = await row();
    const revisions = await db.revision.count({ where: { articleId: story.id } });
    const anchor = await selectorFor(story.id, QUOTE);
    const made = await createComment({ actor: actorFor(adviser), articleId: story.id, input: { body: "Attribute this.", kind: "REQUIRED", quote: QUOTE, anchor } });
    await createComment({ actor: actorFor(writer), articleId: story.id, input: { body: "From his video statement.", parentId: made.id } });
    await setCommentResolved({ actor: actorFor(adviser), articleId: story.id, commentId: made.id, input: { resolved: true } });
    await setCommentResolved({ actor: actorFor(adviser), articleId: story.id, commentId: made.id, input: { resolved: false } });
    expect(await row()).toEqual(before);
    expect(await db.revision.count({ where: { articleId: story.id } })).toBe(revisions);

    const [thread] = await listComments({ actor: actorFor(writer), articleId: story.id });
    expect(thread).toMatchObject({ id: made.id, quote: QUOTE, anchor: "anchored", selector: { exact: QUOTE, start: anchor.start }, replies: [{ body: "From his video statement.", selector: null }] });
    // The writer's save, based on the version from before the comment, goes through: no conflict.
    await updateArticle({ actor: actorFor(writer), id: story.id, input: { body: `<p>New lede.</p>${BODY}`, version: before.version } });
  });

  it("an anchor follows its passage through the writer's saves and reports deleted text only once it is gone", async () => {
    const { writer, adviser, story, row } = await setUp();
    const anchor = await selectorFor(story.id, QUOTE);
    const made = await createComment({ actor: actorFor(adviser), articleId: story.id, input: { body: "Attribute this.", quote: QUOTE, anchor } });
    const stored = () => db.comment.findUniqueOrThrow({ where: { id: made.id }, select: { anchorExact: true, anchorStart: true, anchorEnd: true, anchorPrefix: true } });

    const lede = "<p>Rebels entered the city on Friday.</p>";
    await updateArticle({ actor: actorFor(writer), id: story.id, input: { body: `${lede}${BODY}`, version: (await row()).version } });
    const moved = await stored();
    expect(moved.anchorExact).toBe(QUOTE);
    expect(moved.anchorStart).toBe(anchor.start + "Rebels entered the city on Friday.\n\n".length);
    expect((await listComments({ actor: actorFor(writer), articleId: story.id }))[0]!.anchor).toBe("anchored");

    // A word changed inside the passage: still anchored, to the passage as it reads now.
    await updateArticle({ actor: actorFor(writer), id: story.id, input: { body: `${lede}${BODY.replace("their fire", "their heavy fire")}`, version: (await row()).version } });
    expect((await stored()).anchorExact).toBe(QUOTE.replace("their fire", "their heavy fire"));

    await updateArticle({ actor: actorFor(writer), id: story.id, input: { body: `${lede}<p>The offensive began at dawn.</p>`, version: (await row()).version } });
    const [thread] = await listComments({ actor: actorFor(writer), articleId: story.id });
    expect(thread).toMatchObject({ anchor: "deleted", quote: QUOTE });
  });

  it("anchors an API client's quote at its occurrence in the saved text", async () => {
    const { adviser, story } = await setUp();
    await createComment({ actor: actorFor(adviser), articleId: story.id, input: { body: "Source?", quote: "defend the land" } });
    await createComment({ actor: actorFor(adviser), articleId: story.id, input: { body: "Not there.", quote: "a sentence the story never had" } });
    const [found, missing] = await listComments({ actor: actorFor(adviser), articleId: story.id });
    expect(found).toMatchObject({ anchor: "anchored", selector: { exact: "defend the land", suffix: ".\n\n" } });
    expect(missing).toMatchObject({ anchor: "deleted", selector: null });
  });

  it("converts a legacy comment mark in an old body into an anchor, which survives the next save", async () => {
    const { writer, adviser, story, row } = await setUp();
    const legacy = await db.comment.create({ data: { articleId: story.id, authorId: adviser.userId, body: "Old note.", quote: QUOTE }, select: { id: true } });
    // A body from before anchors moved out of it, with the comment mark on the quote.
    const json = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "The offensive began at dawn." }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Abdulghany said the aim was to “" },
            { type: "text", text: QUOTE, marks: [{ type: "comment", attrs: { commentId: legacy.id } }] },
            { type: "text", text: "” and to defend the land." },
          ],
        },
      ],
    };
    await db.article.update({ where: { id: story.id }, data: { bodyJson: JSON.stringify(json) } });
    expect((await listComments({ actor: actorFor(writer), articleId: story.id }))[0]).toMatchObject({ anchor: "anchored", selector: { exact: QUOTE } });

    // The editor never sees the mark; its save (without it) stores the anchor on the comment.
    await updateArticle({ actor: actorFor(writer), id: story.id, input: { body: `<p>Update.</p>${BODY}`, version: (await row()).version } });
    expect((await row()).bodyJson).not.toContain('"comment"');
    expect(await db.comment.findUniqueOrThrow({ where: { id: legacy.id }, select: { anchorExact: true } })).toEqual({ anchorExact: QUOTE });
    expect((await listComments({ actor: actorFor(writer), articleId: story.id }))[0]).toMatchObject({ anchor: "anchored" });
  });
});
