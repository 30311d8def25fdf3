// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestSection, createTestUser, setReviewPolicy, type TestUser, uniq } from "@/lib/testing/db";
import { createArticle, publishDueArticles, restoreRevision, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { findArticleForActor, findPublishedArticle, listPublishedArticles, toEditorArticleDto } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { db } from "@/lib/data/db";
import { searchPublished } from "@/lib/data/search";
import { AppError, type ErrorCode } from "@/lib/errors";
import * as transitionUseCase from "@/lib/use-cases/articles/transition-article";
import * as updateUseCase from "@/lib/use-cases/articles/update-article";

// Issue 11: a PUBLISHED or SCHEDULED story keeps its live text while edits go to a working copy.
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

/** A published story whose words are unique to it, so search finds only it. */
async function published() {
  const word = `zq${uniq().replace(/[^a-z0-9]/gi, "").toLowerCase()}`;
  const story = await createArticle({ actor: asWriter, input: { headline: `Aleppo ${word}`, dek: "The old dek.", body: `<p>The old text says ${word}live.</p>` } });
  await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
  const live = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
  return { ...live, word };
}

async function scheduled() {
  const story = await createArticle({ actor: asWriter, input: { headline: `Scheduled ${uniq()}`, body: "<p>Approved words.</p>" } });
  await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
  return transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish", publishAt: new Date(Date.now() + 86_400_000).toISOString() } });
}

/** What a reader gets: the story page's data, the list feeds and sitemaps read, and search. */
async function readerView(slug: string, word: string) {
  const page = await findPublishedArticle({ slug });
  const { articles } = await listPublishedArticles({ limit: 200 });
  const inList = articles.find((a) => a.slug === slug);
  const search = await searchPublished({ q: word });
  return { headline: page?.headline, dek: page?.dek, body: page?.body, updatedAt: page?.updatedAt, listBody: inList?.body, hits: search.hits.map((h) => h.snippet).join(" ") };
}

describe("a save of a live story", () => {
  it("goes to the working copy: the reader page, lists and search keep the live text, and the reader site is not refreshed", async () => {
    const story = await published();
    const before = await readerView(story.slug, story.word);
    const saved = await updateUseCase.updateArticle({
      actor: asAdviser,
      id: story.id,
      input: { version: story.version, headline: `Aleppo ${story.word} rebuilt`, dek: "The new dek.", body: `<p>The new text says ${story.word}fresh.</p>` },
    });
    expect(saved.effects.readerSiteChanged).toBe(false);
    expect(saved.data).toMatchObject({
      headline: `Aleppo ${story.word} rebuilt`,
      dek: "The new dek.",
      version: story.version + 1,
      pendingChanges: true,
      live: { headline: `Aleppo ${story.word}`, dek: "The old dek.", body: `<p>The old text says ${story.word}live.</p>` },
    });
    expect(saved.data.body).toContain(`${story.word}fresh`);
    const after = await readerView(story.slug, story.word);
    expect(after).toEqual(before);
    expect(after.body).toContain(`${story.word}live`);
    expect((await searchPublished({ q: `${story.word}fresh` })).total).toBe(0);
  });

  it("that says again what readers see drops the working copy: nothing is pending", async () => {
    const story = await published();
    const edited = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, dek: "Changed." } });
    expect(edited).toMatchObject({ pendingChanges: true });
    const back = await updateArticle({ actor: asAdviser, id: story.id, input: { version: edited.version, dek: "The old dek." } });
    expect(back.pendingChanges).toBe(false);
    expect(back.live).toBeUndefined();
    expect((await db.article.findUniqueOrThrow({ where: { id: story.id } })).draftHeadline).toBeNull();
  });

  it("of a scheduled story goes to the working copy too", async () => {
    const story = await scheduled();
    const saved = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, body: "<p>Later words.</p>" } });
    expect(saved).toMatchObject({ status: "SCHEDULED", pendingChanges: true, live: { body: "<p>Approved words.</p>" } });
    expect((await db.article.findUniqueOrThrow({ where: { id: story.id } })).bodyHtml).toBe("<p>Approved words.</p>");
  });

  it("restoring a revision of a live story goes to the working copy as well", async () => {
    const story = await published();
    const edited = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, body: "<p>Second thoughts.</p>" } });
    const first = await db.revision.findFirstOrThrow({ where: { articleId: story.id, event: "create" } });
    const restored = await restoreRevision({ actor: asAdviser, articleId: story.id, revisionId: first.id, input: { version: edited.version } });
    expect(restored.pendingChanges).toBe(false);
    const secondRevision = await db.revision.findFirstOrThrow({ where: { articleId: story.id, event: "edit" } });
    const again = await restoreRevision({ actor: asAdviser, articleId: story.id, revisionId: secondRevision.id, input: { version: restored.version } });
    expect(again).toMatchObject({ pendingChanges: true, body: "<p>Second thoughts.</p>" });
    expect((await findPublishedArticle({ slug: story.slug }))?.body).toContain(`${story.word}live`);
  });

  it("that changes only the section, tags, lead image or bylines is held too, and the reader site is not refreshed", async () => {
    const story = await published();
    const saved = await updateUseCase.updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, tags: ["Aleppo"] } });
    expect(saved.effects.readerSiteChanged).toBe(false);
    expect(saved.data).toMatchObject({ pendingChanges: true, tags: [{ name: "Aleppo" }], live: { tags: [] } });
    expect((await findPublishedArticle({ slug: story.slug }))?.tags).toEqual([]);
    // Back to what readers see: nothing pending, no working copy left.
    const back = await updateArticle({ actor: asAdviser, id: story.id, input: { version: saved.data.version, tags: [] } });
    expect(back.pendingChanges).toBe(false);
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(0);
    expect((await db.article.findUniqueOrThrow({ where: { id: story.id } })).draftHeadline).toBeNull();
  });
});

/** A published story with a section and a tag, and a working copy that changes all it shows beside its text. */
async function publishedWithBesideEdits() {
  const [oldSection, newSection] = [await createTestSection(), await createTestSection()];
  const coAuthor = await createTestUser({ role: "WRITER" });
  const story = await createArticle({ actor: asWriter, input: { headline: `Beside ${uniq()}`, body: "<p>Words.</p>", section: oldSection.id, tags: ["Old tag"] } });
  await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
  const live = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
  const media = await db.media.create({
    data: { storageKey: `wc-${uniq()}`, originalName: "ruins.jpg", mimeType: "image/jpeg", width: 800, height: 600, bytes: 1, alt: "Ruins of the souk", caption: "The souk in 2016.", credit: "Photo: Staff", uploadedById: adviser.userId },
  });
  const saved = await updateUseCase.updateArticle({
    actor: asAdviser,
    id: story.id,
    input: { version: live.version, section: newSection.id, tags: ["New tag"], leadImageId: media.id, coAuthorIds: [coAuthor.personId] },
  });
  return { story, live, saved, oldSection, newSection, coAuthor, media };
}

describe("a live story's section, tags, lead image and bylines", () => {
  it("wait in the working copy: the editor and the API show them, with the live ones beside; readers keep the live ones", async () => {
    const { story, saved, oldSection, newSection, coAuthor, media } = await publishedWithBesideEdits();
    expect(saved.effects.readerSiteChanged).toBe(false);
    expect(saved.data).toMatchObject({
      pendingChanges: true,
      section: { id: newSection.id },
      tags: [{ name: "New tag" }],
      leadImage: { id: media.id, alt: "Ruins of the souk", caption: "The souk in 2016.", credit: "Photo: Staff" },
      live: { section: { id: oldSection.id }, tags: [{ name: "Old tag" }], leadImage: null },
    });
    expect(saved.data.authors.map((a) => a.id)).toEqual([writer.personId, coAuthor.personId]);
    expect(saved.data.live?.authors.map((a) => a.id)).toEqual([writer.personId]);
    const page = await findPublishedArticle({ slug: story.slug });
    expect(page).toMatchObject({ section: { id: oldSection.id }, tags: [{ name: "Old tag" }], leadImage: null });
    expect(page?.authors.map((a) => a.id)).toEqual([writer.personId]);
  });

  it("go live with Publish changes", async () => {
    const { story, newSection, coAuthor, media } = await publishedWithBesideEdits();
    const done = await transitionUseCase.transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    expect(done.effects.readerSiteChanged).toBe(true);
    expect(done.data).toMatchObject({ pendingChanges: false, section: { id: newSection.id }, tags: [{ name: "New tag" }], leadImage: { id: media.id } });
    const page = await findPublishedArticle({ slug: story.slug });
    expect(page).toMatchObject({ section: { id: newSection.id }, tags: [{ name: "New tag" }], leadImage: { id: media.id, alt: "Ruins of the souk" } });
    expect(page?.authors.map((a) => a.id)).toEqual([writer.personId, coAuthor.personId]);
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(0);
    expect(await db.articleDraftAuthor.count({ where: { articleId: story.id } })).toBe(0);
  });

  it("a lead image without alt text does not go live: Publish changes is refused and nothing changes", async () => {
    const { story, oldSection, media } = await publishedWithBesideEdits();
    await db.media.update({ where: { id: media.id }, data: { alt: "" } });
    await expectAppError(transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } }), "CONFLICT");
    expect(await findPublishedArticle({ slug: story.slug })).toMatchObject({ section: { id: oldSection.id }, leadImage: null });
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(1);
  });

  it("are dropped by Discard changes", async () => {
    const { story, oldSection } = await publishedWithBesideEdits();
    const done = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "discard_changes" } });
    expect(done).toMatchObject({ pendingChanges: false, section: { id: oldSection.id }, tags: [{ name: "Old tag" }], leadImage: null });
    expect(done.authors.map((a) => a.id)).toEqual([writer.personId]);
    const page = await findPublishedArticle({ slug: story.slug });
    expect(page).toMatchObject({ section: { id: oldSection.id }, tags: [{ name: "Old tag" }], leadImage: null });
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(0);
    expect(await db.articleDraftAuthor.count({ where: { articleId: story.id } })).toBe(0);
  });

  it("become the story's own when it is unpublished (the working copy folds)", async () => {
    const { story, newSection, media } = await publishedWithBesideEdits();
    const off = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "unpublish", note: "Legal asked." } });
    expect(off).toMatchObject({ status: "UNPUBLISHED", pendingChanges: false, section: { id: newSection.id }, tags: [{ name: "New tag" }], leadImage: { id: media.id } });
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(0);
  });
});

describe("publish_changes", () => {
  it("puts the working copy live: reader page, search, a revision, a history line, the Updated time, and a refreshed reader site", async () => {
    const story = await published();
    const edited = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, body: `<p>The new text says ${story.word}fresh.</p>` } });
    const before = await readerView(story.slug, story.word);
    const revisions = await db.revision.count({ where: { articleId: story.id } });
    await new Promise((r) => setTimeout(r, 5));
    const done = await transitionUseCase.transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    expect(done.effects.readerSiteChanged).toBe(true);
    expect(done.data).toMatchObject({ status: "PUBLISHED", pendingChanges: false, version: edited.version });
    expect(done.data.live).toBeUndefined();
    const after = await readerView(story.slug, story.word);
    expect(after.body).toContain(`${story.word}fresh`);
    expect(after.listBody).toContain(`${story.word}fresh`);
    expect((await searchPublished({ q: `${story.word}fresh` })).total).toBe(1);
    expect(new Date(after.updatedAt!).getTime()).toBeGreaterThan(new Date(before.updatedAt!).getTime());
    expect(await db.revision.count({ where: { articleId: story.id } })).toBe(revisions + 1);
    const revision = await db.revision.findFirstOrThrow({ where: { articleId: story.id }, orderBy: { createdAt: "desc" } });
    expect(revision).toMatchObject({ event: "publish_changes", authorId: adviser.userId });
    expect(revision.bodyText).toContain(`${story.word}fresh`);
    const line = await db.transition.findFirstOrThrow({ where: { articleId: story.id }, orderBy: { createdAt: "desc" } });
    expect(line).toMatchObject({ action: "publish_changes", fromStatus: "PUBLISHED", toStatus: "PUBLISHED", actorId: adviser.userId });
    expect(await db.auditLog.count({ where: { subject: story.id, action: "article.publish_changes" } })).toBe(1);
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row.draftBodyHtml).toBeNull();
  });

  it("is refused (409) when there is nothing pending", async () => {
    const story = await published();
    await expectAppError(transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } }), "INVALID_TRANSITION");
    await expectAppError(transitionArticle({ actor: asAdviser, id: story.id, input: { action: "discard_changes" } }), "INVALID_TRANSITION");
  });

  it("is refused (403) to a writer and to a student editor under ADVISER_APPROVES, who may ask instead", async () => {
    const story = await published();
    await updateArticle({ actor: asEditor, id: story.id, input: { version: story.version, dek: "An editor's dek." } });
    await expectAppError(transitionArticle({ actor: asWriter, id: story.id, input: { action: "publish_changes" } }), "FORBIDDEN");
    await expectAppError(transitionArticle({ actor: asWriter, id: story.id, input: { action: "discard_changes" } }), "FORBIDDEN");
    await expectAppError(transitionArticle({ actor: asEditor, id: story.id, input: { action: "publish_changes" } }), "FORBIDDEN");
    await expectAppError(transitionArticle({ actor: asAdviser, id: story.id, input: { action: "request_publish_changes" } }), "FORBIDDEN");
    const asked = await transitionUseCase.transitionArticle({ actor: asEditor, id: story.id, input: { action: "request_publish_changes" } });
    expect(asked.effects.readerSiteChanged).toBe(false);
    expect(asked.data).toMatchObject({ pendingChanges: true, dek: "An editor's dek." });
    const told = await db.notification.findMany({ where: { kind: "publish_request", link: `/newsroom/articles/${story.id}` }, select: { userId: true } });
    expect(told.map((n) => n.userId)).toContain(adviser.userId);
    expect(told.map((n) => n.userId)).not.toContain(editor.userId);
    expect((await findPublishedArticle({ slug: story.slug }))?.dek).toBe("The old dek.");
  });

  it("under STUDENT_EDITORS_PUBLISH, a student editor publishes changes", async () => {
    const story = await published();
    const asStudentPublisher = actorFor(editor, "STUDENT_EDITORS_PUBLISH");
    await updateArticle({ actor: asStudentPublisher, id: story.id, input: { version: story.version, dek: "Student dek." } });
    const done = await transitionArticle({ actor: asStudentPublisher, id: story.id, input: { action: "publish_changes" } });
    expect(done).toMatchObject({ dek: "Student dek.", pendingChanges: false });
  });
});

describe("discard_changes", () => {
  it("drops the working copy: the editor's text is the live text again, the version moves, readers never saw a thing", async () => {
    const story = await published();
    const before = await readerView(story.slug, story.word);
    const edited = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, body: "<p>A mistake.</p>" } });
    const done = await transitionUseCase.transitionArticle({ actor: asAdviser, id: story.id, input: { action: "discard_changes" } });
    expect(done.effects.readerSiteChanged).toBe(false);
    expect(done.data).toMatchObject({ pendingChanges: false, body: `<p>The old text says ${story.word}live.</p>`, version: edited.version + 1 });
    expect(await readerView(story.slug, story.word)).toEqual(before);
    // A tab still holding the dropped text cannot bring it back silently.
    await expectAppError(updateArticle({ actor: asAdviser, id: story.id, input: { version: edited.version, body: "<p>A mistake.</p>" } }), "CONFLICT");
  });
});

describe("leaving the live statuses", () => {
  it("unpublishing folds the working copy into the story's text, so no edit is lost", async () => {
    const story = await published();
    const edited = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, body: "<p>Unfinished fix.</p>" } });
    const off = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "unpublish", note: "Legal asked." } });
    expect(off).toMatchObject({ status: "UNPUBLISHED", pendingChanges: false, body: "<p>Unfinished fix.</p>", version: edited.version });
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row).toMatchObject({ bodyHtml: "<p>Unfinished fix.</p>", draftBodyHtml: null, draftHeadline: null });
    // An unpublished story's edits are its text again (nothing to publish separately).
    const again = await updateArticle({ actor: asAdviser, id: story.id, input: { version: off.version, dek: "Direct." } });
    expect(again.pendingChanges).toBe(false);
    expect((await db.article.findUniqueOrThrow({ where: { id: story.id } })).dek).toBe("Direct.");
  });

  it("cancelling a schedule folds it too", async () => {
    const story = await scheduled();
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, body: "<p>Revised before release.</p>" } });
    const cancelled = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "unpublish", note: "Not yet." } });
    expect(cancelled).toMatchObject({ status: "APPROVED", body: "<p>Revised before release.</p>", pendingChanges: false });
    expect((await db.article.findUniqueOrThrow({ where: { id: story.id } })).bodyHtml).toBe("<p>Revised before release.</p>");
  });
});

describe("the scheduler and a working copy", () => {
  it("publishes the approved text, keeps the later edits pending, and tells those who may publish", async () => {
    // Scheduled in the past's frame of reference so the scheduler run below touches only this story.
    const then = new Date("2020-01-01T08:00:00Z");
    const story = await createArticle({ actor: asWriter, input: { headline: `Timed ${uniq()}`, body: "<p>Approved words.</p>" } });
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" }, now: then });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" }, now: then });
    const sched = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish", publishAt: "2020-01-02T08:00:00Z" }, now: then });
    await updateArticle({ actor: asEditor, id: story.id, input: { version: sched.version, body: "<p>Unapproved words.</p>" }, now: then });

    const at = new Date("2020-01-02T09:00:00Z");
    expect(await publishDueArticles({ now: at })).toContain(story.id);
    const page = await findPublishedArticle({ slug: story.slug });
    expect(page?.body).toBe("<p>Approved words.</p>");
    // The editor (and the API) still show the pending changes, with the live text beside them.
    const editorView = toEditorArticleDto(await findArticleForActor({ id: story.id, actor: asAdviser }), await getPublication());
    expect(editorView).toMatchObject({ status: "PUBLISHED", pendingChanges: true, body: "<p>Unapproved words.</p>", live: { body: "<p>Approved words.</p>" } });
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
    expect(row).toMatchObject({ status: "PUBLISHED", bodyHtml: "<p>Approved words.</p>", draftBodyHtml: "<p>Unapproved words.</p>" });
    const notices = await db.notification.findMany({ where: { link: `/newsroom/articles/${story.id}`, title: { contains: "changes made after approval are waiting" } }, select: { userId: true, title: true } });
    expect(notices.map((n) => n.userId)).toContain(adviser.userId);
    // Under ADVISER_APPROVES a student editor may not publish: not told to.
    expect(notices.map((n) => n.userId)).not.toContain(editor.userId);
    expect(notices[0]?.title).toContain("Published on schedule; changes made after approval are waiting: Publish changes or Discard");

    const applied = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    expect(applied).toMatchObject({ pendingChanges: false, body: "<p>Unapproved words.</p>" });
  });

  it("a scheduled story with no working copy sends no such notice", async () => {
    const then = new Date("2020-02-01T08:00:00Z");
    const story = await createArticle({ actor: asWriter, input: { headline: `Timed ${uniq()}`, body: "<p>Approved words.</p>" } });
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" }, now: then });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" }, now: then });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish", publishAt: "2020-02-02T08:00:00Z" }, now: then });
    expect(await publishDueArticles({ now: new Date("2020-02-02T09:00:00Z") })).toContain(story.id);
    expect(await db.notification.count({ where: { link: `/newsroom/articles/${story.id}`, title: { contains: "waiting" } } })).toBe(0);
  });
});

describe("a story's own caption for its lead image", () => {
  /** A photo from the library with a generic caption, and a published story showing it with its own. */
  async function photo() {
    return db.media.create({
      data: { storageKey: `cap-${uniq()}`, originalName: "gate.jpg", mimeType: "image/jpeg", width: 800, height: 600, bytes: 1, alt: "The school gate", caption: "The school gate.", credit: "Photo: Staff", uploadedById: adviser.userId },
    });
  }
  async function publishedWithPhoto(caption: string | null) {
    const media = await photo();
    const story = await createArticle({ actor: asWriter, input: { headline: `Gate ${uniq()}`, body: "<p>Words.</p>" } });
    const withPhoto = await updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, leadImageId: media.id, leadImageCaption: caption } });
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
    const live = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
    return { media, story: live, draftSave: withPhoto };
  }

  it("on a draft is saved directly and shown in place of the library's; the library and other stories keep theirs", async () => {
    const { media, story, draftSave } = await publishedWithPhoto("Grade 11 reporter Hana Park at the gate");
    expect(draftSave).toMatchObject({ pendingChanges: false, leadImage: { id: media.id, caption: "Grade 11 reporter Hana Park at the gate" } });
    expect((await findPublishedArticle({ slug: story.slug }))?.leadImage).toMatchObject({ caption: "Grade 11 reporter Hana Park at the gate", alt: "The school gate", credit: "Photo: Staff" });
    expect((await db.media.findUniqueOrThrow({ where: { id: media.id } })).caption).toBe("The school gate.");
    const other = await createArticle({ actor: asWriter, input: { headline: `Other ${uniq()}`, body: "<p>x</p>" } });
    const otherSaved = await updateArticle({ actor: asWriter, id: other.id, input: { version: other.version, leadImageId: media.id } });
    expect(otherSaved.leadImage?.caption).toBe("The school gate.");
    // The listing's card has the story's caption too.
    const { articles } = await listPublishedArticles({ limit: 200 });
    expect(articles.find((a) => a.id === story.id)?.leadImage?.caption).toBe("Grade 11 reporter Hana Park at the gate");
  });

  it("on a live story waits in the working copy, alone a pending change, until Publish changes", async () => {
    const { story } = await publishedWithPhoto(null);
    const saved = await updateUseCase.updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, leadImageCaption: "Grade 11 reporter Hana Park at the gate" } });
    expect(saved.effects.readerSiteChanged).toBe(false);
    expect(saved.data).toMatchObject({ pendingChanges: true, leadImage: { caption: "Grade 11 reporter Hana Park at the gate" }, live: { leadImage: { caption: "The school gate." } } });
    expect((await findPublishedArticle({ slug: story.slug }))?.leadImage?.caption).toBe("The school gate.");
    const { articles } = await listPublishedArticles({ limit: 200 });
    expect(articles.find((a) => a.id === story.id)?.leadImage?.caption).toBe("The school gate.");
    // The autosave sends the same caption again: still one pending change, readers still unaware.
    const again = await updateArticle({ actor: asAdviser, id: story.id, input: { version: saved.data.version, leadImageCaption: "Grade 11 reporter Hana Park at the gate" } });
    expect(again.pendingChanges).toBe(true);

    const done = await transitionUseCase.transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    expect(done.effects.readerSiteChanged).toBe(true);
    expect(done.data).toMatchObject({ pendingChanges: false, leadImage: { caption: "Grade 11 reporter Hana Park at the gate" } });
    expect((await findPublishedArticle({ slug: story.slug }))?.leadImage?.caption).toBe("Grade 11 reporter Hana Park at the gate");
    expect(await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { leadImageCaption: true, draftLeadImageCaption: true } })).toEqual({ leadImageCaption: "Grade 11 reporter Hana Park at the gate", draftLeadImageCaption: null });
  });

  it("is dropped by Discard changes, and null goes back to the library's caption", async () => {
    const { story } = await publishedWithPhoto("At the gate");
    const saved = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, leadImageCaption: null } });
    expect(saved).toMatchObject({ pendingChanges: true, leadImage: { caption: "The school gate." }, live: { leadImage: { caption: "At the gate" } } });
    const dropped = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "discard_changes" } });
    expect(dropped).toMatchObject({ pendingChanges: false, leadImage: { caption: "At the gate" } });
    expect((await db.article.findUniqueOrThrow({ where: { id: story.id } })).draftLeadImageCaption).toBeNull();
    expect((await findPublishedArticle({ slug: story.slug }))?.leadImage?.caption).toBe("At the gate");
  });

  it("becomes the story's own when it is unpublished (the working copy folds)", async () => {
    const { story } = await publishedWithPhoto(null);
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, leadImageCaption: "Folded caption" } });
    const off = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "unpublish", note: "Legal asked." } });
    expect(off).toMatchObject({ status: "UNPUBLISHED", pendingChanges: false, leadImage: { caption: "Folded caption" } });
    expect(await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { leadImageCaption: true, draftLeadImageCaption: true } })).toEqual({ leadImageCaption: "Folded caption", draftLeadImageCaption: null });
  });

  it("goes with its photo: another photo shows its own library caption unless the save gives one", async () => {
    const { story } = await publishedWithPhoto("At the gate");
    const next = await photo();
    await db.media.update({ where: { id: next.id }, data: { caption: "The new gate." } });
    const saved = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, leadImageId: next.id } });
    expect(saved.leadImage).toMatchObject({ id: next.id, caption: "The new gate." });
  });

  it("is refused over 1,000 characters, with the message on the field", async () => {
    const { story } = await publishedWithPhoto(null);
    const error = await expectAppError(updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, leadImageCaption: "x".repeat(1001) } }), "VALIDATION");
    expect(error.fields).toMatchObject({ leadImageCaption: "Keep the caption under 1,000 characters." });
  });
});
