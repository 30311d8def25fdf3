// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, type TestUser, uniq } from "@/lib/testing/db";
import {
  addCorrection,
  createArticle,
  createComment,
  pinArticle,
  restoreRevision,
  setCommentResolved,
  transitionArticle,
  updateArticle,
} from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";
import { AppError, type ErrorCode } from "@/lib/errors";
import * as correctionUseCase from "@/lib/use-cases/corrections/add-correction";
import * as commentUseCase from "@/lib/use-cases/comments/create-comment";
import * as pinUseCase from "@/lib/use-cases/articles/pin-article";
import * as updateUseCase from "@/lib/use-cases/articles/update-article";

let writer: TestUser, editor: TestUser, adviser: TestUser;
let asWriter: Actor, asEditor: Actor, asAdviser: Actor;

beforeAll(async () => {
  [writer, editor, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "EDITOR" }), createTestUser({ role: "ADVISER" })]);
  [asWriter, asEditor, asAdviser] = [writer, editor, adviser].map((u) => actorFor(u));
  await setReviewPolicy("ADVISER_APPROVES");
});

async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

function draft(headline = `Story ${uniq()}`) {
  return createArticle({ actor: asWriter, input: { headline, dek: "", body: "<p>Some words here.</p>" } });
}

async function published(headline?: string) {
  const story = await draft(headline);
  await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
  return transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
}

function row(id: string) {
  return db.article.findUniqueOrThrow({ where: { id } });
}

describe("updateArticle's effects", () => {
  it("leaves the reader site alone for a draft's save and for a published story's working copy (issue 11), its tags included", async () => {
    const story = await draft();
    const saved = await updateUseCase.updateArticle({ actor: asWriter, id: story.id, input: { version: 1, dek: "A draft dek." } });
    expect(saved.effects.readerSiteChanged).toBe(false);
    const live = await published();
    const edited = await updateUseCase.updateArticle({ actor: asAdviser, id: live.id, input: { version: live.version, dek: "A live dek." } });
    expect(edited.effects.readerSiteChanged).toBe(false);
    expect(edited.data).toMatchObject({ dek: "A live dek.", version: live.version + 1, pendingChanges: true });
    // Tags wait in the working copy like the text: readers get them (and the refresh) with Publish changes.
    const tagged = await updateUseCase.updateArticle({ actor: asAdviser, id: live.id, input: { version: edited.data.version, tags: ["Aleppo"] } });
    expect(tagged.effects.readerSiteChanged).toBe(false);
    expect(tagged.data).toMatchObject({ pendingChanges: true, tags: [{ name: "Aleppo" }], live: { tags: [] } });
  });

  it("inside a caller's transaction, a stale save is refused and nothing is written", async () => {
    const story = await draft();
    await updateArticle({ actor: asWriter, id: story.id, input: { version: 1, dek: "Second." } });
    const revisions = await db.revision.count({ where: { articleId: story.id } });
    await expectAppError(
      db.$transaction((tx) => updateUseCase.updateArticle({ actor: asWriter, id: story.id, input: { version: 1, dek: "Stale." }, tx })),
      "CONFLICT",
    );
    // The caller's transaction rolled back, the conflict revision with it.
    expect(await db.revision.count({ where: { articleId: story.id } })).toBe(revisions);
    expect((await row(story.id)).dek).toBe("Second.");
  });
});

describe("pinArticle", () => {
  it("puts a published story in a slot, unpins whoever held it, and records it", async () => {
    const first = await published();
    const second = await published();
    const pinned = await pinUseCase.pinArticle({ actor: asEditor, id: first.id, input: { pinRank: 5 } });
    expect(pinned.effects.readerSiteChanged).toBe(true);
    expect((await row(first.id)).pinRank).toBe(5);
    await pinArticle({ actor: asEditor, id: second.id, input: { pinRank: 5 } });
    expect((await row(first.id)).pinRank).toBeNull();
    expect((await row(second.id)).pinRank).toBe(5);
    const audit = await db.auditLog.findMany({ where: { action: "article.pin", subject: second.id }, select: { actorId: true, details: true } });
    expect(audit.map((a) => ({ ...a, details: JSON.parse(a.details) }))).toEqual([{ actorId: editor.userId, details: { headline: second.headline, pinRank: 5 } }]);
    // Pinning moves no version: an editor's open copy of the story still saves.
    expect((await row(second.id)).version).toBe(second.version);
    await pinArticle({ actor: asEditor, id: second.id, input: { pinRank: null } });
    expect((await row(second.id)).pinRank).toBeNull();
  });

  it("refuses a story that is not published, and a writer", async () => {
    const story = await draft();
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    await expectAppError(pinArticle({ actor: asEditor, id: story.id, input: { pinRank: 4 } }), "INVALID_TRANSITION");
    const live = await published();
    await expectAppError(pinArticle({ actor: asWriter, id: live.id, input: { pinRank: 4 } }), "FORBIDDEN");
    await expectAppError(pinArticle({ actor: asEditor, id: live.id, input: { pinRank: 9 } }), "VALIDATION");
    expect((await row(live.id)).pinRank).toBeNull();
  });
});

describe("addCorrection", () => {
  it("appends the correction, moves the version, marks a revision and an audit entry, and refreshes readers", async () => {
    const live = await published();
    const result = await correctionUseCase.addCorrection({ actor: asEditor, articleId: live.id, input: { body: "An earlier version misspelled the coach's name." } });
    expect(result.effects.readerSiteChanged).toBe(true);
    expect(result.data).toMatchObject({ kind: "CORRECTION", position: "bottom", body: "An earlier version misspelled the coach's name." });
    expect((await row(live.id)).version).toBe(live.version + 1);
    expect(await db.revision.findFirst({ where: { articleId: live.id, event: "correction" }, select: { version: true, authorId: true } })).toEqual({ version: live.version + 1, authorId: editor.userId });
    expect(await db.auditLog.count({ where: { action: "article.correction", subject: live.id } })).toBe(1);
  });

  it("is for stories that have been published, by editors and advisers", async () => {
    const story = await draft();
    await expectAppError(addCorrection({ actor: asAdviser, articleId: story.id, input: { body: "Too early." } }), "INVALID_TRANSITION");
    const live = await published();
    await expectAppError(addCorrection({ actor: asWriter, articleId: live.id, input: { body: "Mine." } }), "FORBIDDEN");
    await expectAppError(addCorrection({ actor: asEditor, articleId: live.id, input: { body: "  " } }), "VALIDATION");
    expect(await db.correction.count({ where: { articleId: { in: [story.id, live.id] } } })).toBe(0);
    // A story taken down still takes a correction; readers do not see it, so no refresh.
    await transitionArticle({ actor: asAdviser, id: live.id, input: { action: "unpublish", note: "Legal review." } });
    const later = await correctionUseCase.addCorrection({ actor: asAdviser, articleId: live.id, input: { kind: "EDITORS_NOTE", body: "Under review." } });
    expect(later.effects.readerSiteChanged).toBe(false);
  });
});

describe("restoreRevision", () => {
  it("brings back an old text as a new version with a 'restore' revision; a stale version is CONFLICT", async () => {
    const story = await draft(`Original ${uniq()}`);
    await updateArticle({ actor: asWriter, id: story.id, input: { version: 1, headline: `Rewritten ${uniq()}` } });
    const created = await db.revision.findFirstOrThrow({ where: { articleId: story.id, event: "create" }, select: { id: true } });
    const restored = await restoreRevision({ actor: asWriter, articleId: story.id, revisionId: created.id, input: { version: 2 } });
    expect(restored).toMatchObject({ headline: story.headline, version: 3 });
    expect(await db.revision.count({ where: { articleId: story.id, event: "restore" } })).toBe(1);
    const error = await expectAppError(restoreRevision({ actor: asWriter, articleId: story.id, revisionId: created.id, input: { version: 2 } }), "CONFLICT");
    expect(error.details).toMatchObject({ currentVersion: 3 });
    await expectAppError(restoreRevision({ actor: asWriter, articleId: story.id, revisionId: "nosuchrevision", input: { version: 3 } }), "NOT_FOUND");
  });
});

describe("comments", () => {
  it("a required change tells the story's people (through the effects) and only a reviewer resolves it", async () => {
    const story = await draft();
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    await expectAppError(createComment({ actor: asWriter, articleId: story.id, input: { body: "Required by me?", kind: "REQUIRED" } }), "FORBIDDEN");
    const made = await commentUseCase.createComment({ actor: asEditor, articleId: story.id, input: { body: "Attribute the quote.", kind: "REQUIRED" } });
    expect(made.effects.notify).toMatchObject([{ kind: "required_change", userIds: expect.arrayContaining([writer.userId]), exceptUserId: editor.userId }]);
    expect(await db.notification.count({ where: { userId: writer.userId, kind: "required_change", link: `/newsroom/articles/${story.id}` } })).toBe(1);
    await expectAppError(setCommentResolved({ actor: asWriter, articleId: story.id, commentId: made.data.id, input: { resolved: true } }), "FORBIDDEN");
    await setCommentResolved({ actor: asEditor, articleId: story.id, commentId: made.data.id, input: {} });
    expect(await db.comment.findUniqueOrThrow({ where: { id: made.data.id }, select: { resolvedById: true } })).toEqual({ resolvedById: editor.userId });
    await setCommentResolved({ actor: asEditor, articleId: story.id, commentId: made.data.id, input: { resolved: false } });
    expect(await db.comment.findUniqueOrThrow({ where: { id: made.data.id }, select: { resolvedAt: true } })).toEqual({ resolvedAt: null });
  });

  it("joins a caller's transaction: when the caller rolls back, neither the comment nor its notice remains", async () => {
    const story = await draft();
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    const id = `c${uniq()}${uniq()}`;
    await expect(
      db.$transaction(async (tx) => {
        await commentUseCase.createComment({ actor: asEditor, articleId: story.id, input: { id, body: "Rolled back.", kind: "REQUIRED" }, tx });
        throw new Error("the caller fails later");
      }),
    ).rejects.toThrow("the caller fails later");
    expect(await db.comment.findUnique({ where: { id } })).toBeNull();
    expect(await db.notification.count({ where: { userId: writer.userId, link: `/newsroom/articles/${story.id}` } })).toBe(0);
  });
});
