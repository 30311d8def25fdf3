// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestSection, createTestUser, setReviewPolicy, type TestUser, uniq } from "@/lib/testing/db";
import { createArticle, publishDueArticles, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { AppError, type ErrorCode } from "@/lib/errors";
import { findArticleForActor, findPublishedArticle, listArticlesForActor, listPublishedArticles, listTransitions } from "./articles";
import { db } from "./db";
import { getPublication } from "./publication";
import { findActiveUser } from "./users";

const MINUTE = 60 * 1000;

let writer: TestUser, writer2: TestUser, editor: TestUser, adviser: TestUser;
let asWriter: Actor, asWriter2: Actor, asEditor: Actor, asAdviser: Actor;

beforeAll(async () => {
  [writer, writer2, editor, adviser] = await Promise.all([
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "EDITOR" }),
    createTestUser({ role: "ADVISER" }),
  ]);
  [asWriter, asWriter2, asEditor, asAdviser] = [writer, writer2, editor, adviser].map((u) => actorFor(u));
  await setReviewPolicy("ADVISER_APPROVES");
});

afterAll(async () => {
  await setReviewPolicy("ADVISER_APPROVES");
});

/** Await a promise that must fail with an AppError of `code`; returns the error. */
async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

function draft(actor: Actor, extra: { headline?: string; body?: string; section?: string; coAuthorIds?: string[] } = {}) {
  return createArticle({ actor, input: { headline: extra.headline ?? `Story ${uniq()}`, dek: "", body: extra.body ?? "<p>Some words here.</p>", ...extra } });
}

async function submitted(actor: Actor = asWriter, opts: Parameters<typeof draft>[1] = {}) {
  const story = await draft(actor, opts);
  return transitionArticle({ actor, id: story.id, input: { action: "submit" } });
}

async function approved(actor: Actor = asWriter, opts: Parameters<typeof draft>[1] = {}) {
  const story = await submitted(actor, opts);
  return transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
}

async function published(actor: Actor = asWriter, opts: Parameters<typeof draft>[1] = {}) {
  const story = await approved(actor, opts);
  return transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
}

function row(id: string) {
  return db.article.findUniqueOrThrow({ where: { id } });
}

describe("createArticle", () => {
  it("starts a DRAFT at version 1 with the creator on the byline and a 'create' revision", async () => {
    const story = await draft(asWriter);
    expect(story).toMatchObject({ status: "DRAFT", version: 1, createdById: writer.userId, publishedAt: null });
    expect(story.authors.map((a) => a.id)).toEqual([writer.personId]);
    const revisions = await db.revision.findMany({ where: { articleId: story.id } });
    expect(revisions).toMatchObject([{ event: "create", version: 1, authorId: writer.userId }]);
  });

  it("gives every story a unique slug from its headline", async () => {
    const headline = `School Board Votes ${uniq()}`;
    const a = await draft(asWriter, { headline });
    const b = await draft(asWriter2, { headline });
    const c = await draft(asWriter, { headline });
    const base = headline.toLowerCase().replace(/ /g, "-");
    expect([a.slug, b.slug, c.slug]).toEqual([base, `${base}-2`, `${base}-3`]);
  });

  it("rejects an unknown section with VALIDATION on fields.section and creates nothing", async () => {
    const headline = `Orphan ${uniq()}`;
    const error = await expectAppError(draft(asWriter, { headline, section: `no-such-section-${uniq()}` }), "VALIDATION");
    expect(error.fields).toHaveProperty("section");
    expect(await db.article.count({ where: { headline } })).toBe(0);
  });

  it("files the story under a section given by slug or by id", async () => {
    const section = await createTestSection();
    const bySlug = await draft(asWriter, { section: section.slug });
    const byId = await draft(asWriter, { section: section.id });
    expect(bySlug.section?.id).toBe(section.id);
    expect(byId.section?.id).toBe(section.id);
  });

  it("adds co-authors after the creator, and rejects an unknown one", async () => {
    const story = await draft(asWriter, { coAuthorIds: [writer2.personId] });
    expect(story.authors.map((a) => a.id)).toEqual([writer.personId, writer2.personId]);
    const error = await expectAppError(draft(asWriter, { coAuthorIds: ["nosuchperson"] }), "VALIDATION");
    expect(error.fields).toHaveProperty("coAuthorIds");
  });

  it("sanitises the body before it is stored", async () => {
    const story = await draft(asWriter, {
      body: `<h1>Big news</h1><p onclick="steal()">Read <a href="javascript:alert(1)">this</a>.</p><script>alert(1)</script><img src=x onerror="alert(2)"><iframe src="https://evil.example"></iframe>`,
    });
    const stored = await row(story.id);
    expect(stored.bodyHtml).toBe("<h2>Big news</h2><p>Read this.</p>");
    expect(story.body).toBe(stored.bodyHtml);
    expect(stored.bodyText).toBe("Big news\n\nRead this.");
    expect(stored.wordCount).toBe(4);
    expect(stored.bodyJson).not.toMatch(/script|onerror|onclick|javascript|iframe/);
  });

  it("never puts an email address in what it returns", async () => {
    const story = await draft(asWriter, { coAuthorIds: [writer2.personId] });
    const json = JSON.stringify(story);
    expect(json).not.toContain(writer.email);
    expect(json).not.toContain(writer2.email);
  });
});

describe("updateArticle", () => {
  it("bumps the version by exactly one on every successful save", async () => {
    const story = await draft(asWriter);
    const v2 = await updateArticle({ actor: asWriter, id: story.id, input: { version: 1, headline: `Second ${uniq()}` } });
    expect(v2.version).toBe(2);
    const v3 = await updateArticle({ actor: asWriter, id: story.id, input: { version: 2, body: "<p>New body text.</p>" } });
    expect(v3.version).toBe(3);
    const stored = await row(story.id);
    expect(stored).toMatchObject({ version: 3, headline: v2.headline, bodyHtml: "<p>New body text.</p>", wordCount: 3 });
  });

  it("refuses a save based on a stale version with CONFLICT and leaves the story untouched", async () => {
    const story = await draft(asWriter);
    const kept = await updateArticle({ actor: asWriter, id: story.id, input: { version: 1, headline: `Kept ${uniq()}` } });
    const before = await row(story.id);
    const revisionsBefore = await db.revision.findMany({ where: { articleId: story.id } });

    const lostHeadline = `Lost ${uniq()}`;
    const error = await expectAppError(
      updateArticle({ actor: asAdviser, id: story.id, input: { version: 1, headline: lostHeadline, body: "<p>Overwritten?</p>" } }),
      "CONFLICT",
    );
    expect(error.details).toMatchObject({ currentVersion: 2, current: { headline: kept.headline } });
    expect(await row(story.id)).toEqual(before);
    // The losing text is never thrown away: it is kept as a "conflict" revision, and nothing else changes.
    const revisionsAfter = await db.revision.findMany({ where: { articleId: story.id } });
    expect(revisionsAfter.filter((r) => !revisionsBefore.some((b) => b.id === r.id))).toMatchObject([
      { event: "conflict", authorId: adviser.userId, version: 1, headline: lostHeadline, bodyText: "Overwritten?" },
    ]);
    expect(revisionsAfter.filter((r) => revisionsBefore.some((b) => b.id === r.id))).toEqual(revisionsBefore);
  });

  it("lets exactly one of two simultaneous saves of the same version win", async () => {
    const story = await draft(asWriter);
    const results = await Promise.allSettled([
      updateArticle({ actor: asWriter, id: story.id, input: { version: 1, dek: "First writer" } }),
      updateArticle({ actor: asAdviser, id: story.id, input: { version: 1, dek: "Second writer" } }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    const stored = await row(story.id);
    expect(stored.version).toBe(2);
    expect(stored.dek).toBe((won[0] as PromiseFulfilledResult<{ dek: string }>).value.dek);
  });

  it("hides another writer's draft: NOT_FOUND, not FORBIDDEN, and nothing changes", async () => {
    const story = await draft(asWriter);
    const before = await row(story.id);
    await expectAppError(updateArticle({ actor: asWriter2, id: story.id, input: { version: 1, headline: "Hijacked" } }), "NOT_FOUND");
    await expectAppError(findArticleForActor({ id: story.id, actor: asWriter2 }), "NOT_FOUND");
    await expectAppError(transitionArticle({ actor: asWriter2, id: story.id, input: { action: "submit" } }), "NOT_FOUND");
    // Editors do not see drafts either.
    await expectAppError(updateArticle({ actor: asEditor, id: story.id, input: { version: 1, headline: "Hijacked" } }), "NOT_FOUND");
    expect(await row(story.id)).toEqual(before);
  });

  it("does not let a writer edit their own story once submitted: FORBIDDEN", async () => {
    const story = await submitted(asWriter);
    const before = await row(story.id);
    await expectAppError(updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, headline: "Sneaky" } }), "FORBIDDEN");
    expect(await row(story.id)).toEqual(before);
  });

  it("lets an editor copy-edit a submitted story", async () => {
    const story = await submitted(asWriter);
    const saved = await updateArticle({ actor: asEditor, id: story.id, input: { version: story.version, dek: "A tighter dek." } });
    expect(saved).toMatchObject({ dek: "A tighter dek.", version: story.version + 1, status: "SUBMITTED" });
  });

  it("lets a co-author edit the draft", async () => {
    const story = await draft(asWriter, { coAuthorIds: [writer2.personId] });
    const saved = await updateArticle({ actor: asWriter2, id: story.id, input: { version: 1, dek: "Co-written." } });
    expect(saved.dek).toBe("Co-written.");
  });

  // Links to a story stay stable once it has been public.
  it("moves the slug with the headline until the story is published, then keeps it", async () => {
    const story = await draft(asWriter, { headline: `Early headline ${uniq()}` });
    const renamed = await updateArticle({ actor: asWriter, id: story.id, input: { version: 1, headline: `Better headline ${uniq()}` } });
    expect(renamed.slug).not.toBe(story.slug);
    expect(renamed.slug).toMatch(/^better-headline-/);

    const live = await published(asWriter);
    const edited = await updateArticle({ actor: asAdviser, id: live.id, input: { version: live.version, headline: `Corrected ${uniq()}` } });
    expect(edited.slug).toBe(live.slug);
  });
});

describe("transitionArticle", () => {
  it("takes a story through its whole life, recording every step", async () => {
    const t0 = Date.now();
    const at = (minutes: number) => new Date(t0 + minutes * MINUTE);
    const story = await draft(asWriter);
    const id = story.id;

    const s1 = await transitionArticle({ actor: asWriter, id, input: { action: "submit" }, now: at(1) });
    expect(s1.status).toBe("SUBMITTED");

    const noNote = await expectAppError(transitionArticle({ actor: asEditor, id, input: { action: "request_changes" }, now: at(2) }), "VALIDATION");
    expect(noNote.fields).toHaveProperty("note");
    const blankNote = await expectAppError(transitionArticle({ actor: asEditor, id, input: { action: "request_changes", note: "   " }, now: at(2) }), "VALIDATION");
    expect(blankNote.fields).toHaveProperty("note");
    expect((await row(id)).status).toBe("SUBMITTED");

    const s2 = await transitionArticle({ actor: asEditor, id, input: { action: "request_changes", note: " Tighten the lede. " }, now: at(3) });
    expect(s2.status).toBe("CHANGES_REQUESTED");
    const s3 = await transitionArticle({ actor: asWriter, id, input: { action: "submit" }, now: at(4) });
    expect(s3.status).toBe("SUBMITTED");
    const s4 = await transitionArticle({ actor: asAdviser, id, input: { action: "approve" }, now: at(5) });
    expect(s4.status).toBe("APPROVED");
    const s5 = await transitionArticle({ actor: asAdviser, id, input: { action: "publish" }, now: at(6) });
    expect(s5).toMatchObject({ status: "PUBLISHED", publishedAt: at(6).toISOString() });
    const s6 = await transitionArticle({ actor: asAdviser, id, input: { action: "unpublish", note: "Legal review." }, now: at(7) });
    expect(s6.status).toBe("UNPUBLISHED");
    const s7 = await transitionArticle({ actor: asAdviser, id, input: { action: "republish" }, now: at(8) });
    // Republishing keeps the original publication date.
    expect(s7).toMatchObject({ status: "PUBLISHED", publishedAt: at(6).toISOString() });

    const steps = await db.transition.findMany({ where: { articleId: id }, orderBy: { createdAt: "asc" } });
    expect(steps.map(({ action, fromStatus, toStatus, note, actorId }) => ({ action, fromStatus, toStatus, note, actorId }))).toEqual([
      { action: "submit", fromStatus: "DRAFT", toStatus: "SUBMITTED", note: "", actorId: writer.userId },
      { action: "request_changes", fromStatus: "SUBMITTED", toStatus: "CHANGES_REQUESTED", note: "Tighten the lede.", actorId: editor.userId },
      { action: "submit", fromStatus: "CHANGES_REQUESTED", toStatus: "SUBMITTED", note: "", actorId: writer.userId },
      { action: "approve", fromStatus: "SUBMITTED", toStatus: "APPROVED", note: "", actorId: adviser.userId },
      { action: "publish", fromStatus: "APPROVED", toStatus: "PUBLISHED", note: "", actorId: adviser.userId },
      { action: "unpublish", fromStatus: "PUBLISHED", toStatus: "UNPUBLISHED", note: "Legal review.", actorId: adviser.userId },
      { action: "republish", fromStatus: "UNPUBLISHED", toStatus: "PUBLISHED", note: "", actorId: adviser.userId },
    ]);
    expect((await listTransitions({ articleId: id })).map((t) => t.action)).toEqual(steps.map((t) => t.action));
    expect(await db.auditLog.count({ where: { subject: id, action: { startsWith: "article." } } })).toBe(7);
  });

  it("lets a writer withdraw a submission back to DRAFT", async () => {
    const story = await submitted(asWriter);
    const back = await transitionArticle({ actor: asWriter, id: story.id, input: { action: "withdraw" } });
    expect(back.status).toBe("DRAFT");
  });

  it("refuses a writer who tries to publish, even their own approved story: FORBIDDEN", async () => {
    const story = await approved(asWriter);
    const before = await db.transition.count({ where: { articleId: story.id } });
    await expectAppError(transitionArticle({ actor: asWriter, id: story.id, input: { action: "publish" } }), "FORBIDDEN");
    expect((await row(story.id)).status).toBe("APPROVED");
    expect(await db.transition.count({ where: { articleId: story.id } })).toBe(before);
  });

  it("refuses to publish a DRAFT, even for the adviser: INVALID_TRANSITION", async () => {
    const story = await draft(asWriter);
    await expectAppError(transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } }), "INVALID_TRANSITION");
    expect((await row(story.id)).status).toBe("DRAFT");
    expect(await db.transition.count({ where: { articleId: story.id } })).toBe(0);
  });

  it("never lets a student editor approve their own story", async () => {
    const story = await submitted(asEditor);
    await expectAppError(transitionArticle({ actor: asEditor, id: story.id, input: { action: "approve" } }), "FORBIDDEN");
  });

  it("will not approve while a required change is open (replies do not count)", async () => {
    const story = await submitted(asWriter);
    const required = await db.comment.create({ data: { articleId: story.id, authorId: adviser.userId, kind: "REQUIRED", body: "Get a second source." } });
    await db.comment.create({ data: { articleId: story.id, authorId: writer.userId, kind: "REQUIRED", body: "On it.", parentId: required.id } });
    await db.comment.create({ data: { articleId: story.id, authorId: adviser.userId, kind: "COACHING", body: "Nice lede." } });

    await expectAppError(transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } }), "CONFLICT");
    expect((await row(story.id)).status).toBe("SUBMITTED");

    await db.comment.update({ where: { id: required.id }, data: { resolvedAt: new Date(), resolvedById: adviser.userId } });
    const ok = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
    expect(ok.status).toBe("APPROVED");
  });

  it("requires a reason to unpublish", async () => {
    const story = await published(asWriter);
    const error = await expectAppError(transitionArticle({ actor: asAdviser, id: story.id, input: { action: "unpublish" } }), "VALIDATION");
    expect(error.fields).toHaveProperty("note");
    expect((await row(story.id)).status).toBe("PUBLISHED");
  });

  it("rejects a publish time on anything but a publish, with VALIDATION on fields.publishAt", async () => {
    const story = await submitted(asWriter);
    const publishAt = new Date(Date.now() + 60 * MINUTE).toISOString();
    const error = await expectAppError(transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve", publishAt } }), "VALIDATION");
    expect(error.fields).toHaveProperty("publishAt");
  });

  it("lets an editor publish only under STUDENT_EDITORS_PUBLISH (policy read from the database each time)", async () => {
    try {
      await setReviewPolicy("ADVISER_APPROVES");
      const underAdviser = await findActiveUser(editor.userId);
      expect(underAdviser?.reviewPolicy).toBe("ADVISER_APPROVES");
      const story = await approved(asWriter);
      await expectAppError(transitionArticle({ actor: underAdviser!, id: story.id, input: { action: "publish" } }), "FORBIDDEN");
      expect((await row(story.id)).status).toBe("APPROVED");

      await setReviewPolicy("STUDENT_EDITORS_PUBLISH");
      // getPublication is wrapped in React cache(), which must not hold a stale policy outside a request.
      expect((await getPublication()).reviewPolicy).toBe("STUDENT_EDITORS_PUBLISH");
      const underStudents = await findActiveUser(editor.userId);
      expect(underStudents?.reviewPolicy).toBe("STUDENT_EDITORS_PUBLISH");
      const live = await transitionArticle({ actor: underStudents!, id: story.id, input: { action: "publish" } });
      expect(live.status).toBe("PUBLISHED");
      const unpublished = await transitionArticle({ actor: underStudents!, id: story.id, input: { action: "unpublish", note: "Error in the headline." } });
      expect(unpublished.status).toBe("UNPUBLISHED");
    } finally {
      await setReviewPolicy("ADVISER_APPROVES");
    }
  });
});

describe("scheduling", () => {
  it("schedules a publish with a future publishAt, and publishes it when due, exactly once", async () => {
    const now = new Date();
    const publishAt = new Date(now.getTime() + 60 * MINUTE);
    const story = await approved(asWriter);

    const scheduled = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish", publishAt: publishAt.toISOString() }, now });
    expect(scheduled).toMatchObject({ status: "SCHEDULED", publishAt: publishAt.toISOString(), publishedAt: null });
    expect(await findPublishedArticle({ slug: story.slug })).toBeNull();
    const scheduling = await db.transition.findFirstOrThrow({ where: { articleId: story.id, toStatus: "SCHEDULED" } });
    expect(scheduling).toMatchObject({ fromStatus: "APPROVED", actorId: adviser.userId, publishAt });

    expect(await publishDueArticles({ now: new Date(publishAt.getTime() - 1) })).not.toContain(story.id);
    expect((await row(story.id)).status).toBe("SCHEDULED");

    const later = new Date(publishAt.getTime() + 5 * MINUTE);
    expect(await publishDueArticles({ now: later })).toContain(story.id);
    expect(await row(story.id)).toMatchObject({ status: "PUBLISHED", publishedAt: publishAt, publishAt: null });
    const last = await db.transition.findFirstOrThrow({ where: { articleId: story.id }, orderBy: { createdAt: "desc" } });
    expect(last).toMatchObject({ action: "publish", fromStatus: "SCHEDULED", toStatus: "PUBLISHED", actorId: null });
    expect((await findPublishedArticle({ slug: story.slug }))?.id).toBe(story.id);

    const transitions = await db.transition.count({ where: { articleId: story.id } });
    expect(await publishDueArticles({ now: later })).not.toContain(story.id);
    expect(await publishDueArticles({ now: new Date(later.getTime() + 60 * MINUTE) })).not.toContain(story.id);
    expect(await db.transition.count({ where: { articleId: story.id } })).toBe(transitions);
    expect((await row(story.id)).publishedAt).toEqual(publishAt);
  });

  it("publishes a due story once even when two schedulers run at the same time", async () => {
    const now = new Date();
    const publishAt = new Date(now.getTime() + 30 * MINUTE);
    const story = await approved(asWriter);
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish", publishAt: publishAt.toISOString() }, now });
    const later = new Date(publishAt.getTime() + MINUTE);
    const [a, b] = await Promise.all([publishDueArticles({ now: later }), publishDueArticles({ now: later })]);
    expect([a.includes(story.id), b.includes(story.id)].filter(Boolean)).toHaveLength(1);
    expect(await db.transition.count({ where: { articleId: story.id, fromStatus: "SCHEDULED", toStatus: "PUBLISHED" } })).toBe(1);
  });

  it("refuses a publish time that is not in the future, next to the field (the form and the API alike)", async () => {
    const now = new Date();
    const story = await approved(asWriter);
    const error = await expectAppError(
      transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish", publishAt: new Date(now.getTime() - MINUTE).toISOString() }, now }),
      "VALIDATION",
    );
    expect(error.fields?.publishAt).toMatch(/future/);
    expect((await row(story.id)).status).toBe("APPROVED");
  });

  it("a scheduled publication goes through the workflow: its revision, history line, audit entry and notifications", async () => {
    const now = new Date();
    const publishAt = new Date(now.getTime() + 10 * MINUTE);
    const story = await approved(asWriter);
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish", publishAt: publishAt.toISOString() }, now });
    const notesBefore = await db.notification.count({ where: { userId: writer.userId, link: `/newsroom/articles/${story.id}` } });
    const later = new Date(publishAt.getTime() + MINUTE);
    expect(await publishDueArticles({ now: later })).toContain(story.id);

    // The revision marking the publication, credited to the adviser who scheduled it.
    const revision = await db.revision.findFirstOrThrow({ where: { articleId: story.id }, orderBy: { createdAt: "desc" } });
    expect(revision).toMatchObject({ event: "publish", authorId: adviser.userId });
    expect(revision.createdAt).toEqual(later);
    // The writer is told, as for any publication.
    const notes = await db.notification.findMany({ where: { userId: writer.userId, link: `/newsroom/articles/${story.id}` }, orderBy: { createdAt: "desc" } });
    expect(notes.length).toBe(notesBefore + 1);
    expect(notes[0]?.title).toMatch(/^Published as scheduled: “/);
    const audit = await db.auditLog.findFirstOrThrow({ where: { subject: story.id, action: "article.scheduled_publish" } });
    expect(audit.actorId).toBeNull();
    const history = await db.transition.findFirstOrThrow({ where: { articleId: story.id }, orderBy: { createdAt: "desc" } });
    expect(history).toMatchObject({ action: "publish", note: "Published at its scheduled time.", actorId: null });
    // Readers can search it now.
    const indexed = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "ArticleSearch" WHERE "articleId" = ${story.id}`;
    expect(Number(indexed[0]?.n)).toBe(1);
  });

  it("unpublishing a scheduled story cancels the schedule and returns it to APPROVED", async () => {
    const now = new Date();
    const publishAt = new Date(now.getTime() + 60 * MINUTE);
    const story = await approved(asWriter);
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish", publishAt: publishAt.toISOString() }, now });
    const cancelled = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "unpublish", note: "Hold for next issue." }, now });
    expect(cancelled).toMatchObject({ status: "APPROVED", publishAt: null, publishedAt: null });
    expect(await publishDueArticles({ now: new Date(publishAt.getTime() + MINUTE) })).not.toContain(story.id);
    expect((await row(story.id)).status).toBe("APPROVED");
  });
});

describe("revisions", () => {
  it("folds one person's consecutive edits within 5 minutes, and always adds one for a submit", async () => {
    const story = await draft(asWriter);
    const t0 = Date.now();
    const at = (minutes: number) => new Date(t0 + minutes * MINUTE);
    const events = async () =>
      (await db.revision.findMany({ where: { articleId: story.id }, orderBy: { createdAt: "asc" } })).map((r) => `${r.event}:v${r.version}:${r.authorId === writer.userId ? "writer" : r.authorId === adviser.userId ? "adviser" : "editor"}`);

    let version = 1;
    const edit = async (actor: Actor, minutes: number) => {
      const saved = await updateArticle({ actor, id: story.id, input: { version, dek: `Dek at ${minutes}` }, now: at(minutes) });
      version = saved.version;
    };

    await edit(asWriter, 1);
    await edit(asWriter, 3);
    expect(await events()).toEqual(["create:v1:writer", "edit:v3:writer"]);
    const folded = await db.revision.findFirstOrThrow({ where: { articleId: story.id, event: "edit" } });
    expect(folded.dek).toBe("Dek at 3");

    await edit(asWriter, 10);
    expect(await events()).toEqual(["create:v1:writer", "edit:v3:writer", "edit:v4:writer"]);

    // Another person's edit is never folded into someone else's revision.
    await edit(asAdviser, 11);
    expect(await events()).toEqual(["create:v1:writer", "edit:v3:writer", "edit:v4:writer", "edit:v5:adviser"]);

    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" }, now: at(12) });
    await edit(asEditor, 13);
    await edit(asEditor, 14);
    expect(await events()).toEqual([
      "create:v1:writer",
      "edit:v3:writer",
      "edit:v4:writer",
      "edit:v5:adviser",
      "submit:v5:writer",
      "edit:v7:editor",
    ]);
  });

  it("adds a revision for every submit, even right after an edit", async () => {
    const story = await draft(asWriter);
    const now = new Date(Date.now() + MINUTE);
    await updateArticle({ actor: asWriter, id: story.id, input: { version: 1, dek: "Edited" }, now });
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" }, now: new Date(now.getTime() + 1000) });
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "withdraw" }, now: new Date(now.getTime() + 2000) });
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" }, now: new Date(now.getTime() + 3000) });
    const revisions = await db.revision.findMany({ where: { articleId: story.id }, orderBy: { createdAt: "asc" } });
    expect(revisions.map((r) => r.event)).toEqual(["create", "edit", "submit", "submit"]);
  });
});

describe("listArticlesForActor", () => {
  let ids: Record<string, string>;

  beforeAll(async () => {
    const [writerDraft, writerSubmitted, writer2Draft, coAuthored, writer2Published] = await Promise.all([
      draft(asWriter),
      submitted(asWriter),
      draft(asWriter2),
      draft(asWriter2, { coAuthorIds: [writer.personId] }),
      published(asWriter2),
    ]);
    ids = {
      writerDraft: writerDraft.id,
      writerSubmitted: writerSubmitted.id,
      writer2Draft: writer2Draft.id,
      coAuthored: coAuthored.id,
      writer2Published: writer2Published.id,
    };
  });

  async function visible(actor: Actor, opts: { mine?: boolean } = {}) {
    const seen = new Set((await listArticlesForActor({ actor, ...opts })).map((a) => a.id));
    return Object.entries(ids)
      .filter(([, id]) => seen.has(id))
      .map(([name]) => name)
      .sort();
  }

  it("a writer sees their own and co-authored stories and what is published", async () => {
    expect(await visible(asWriter)).toEqual(["coAuthored", "writer2Published", "writerDraft", "writerSubmitted"]);
  });

  it("a second writer never sees the first writer's draft or submission", async () => {
    expect(await visible(asWriter2)).toEqual(["coAuthored", "writer2Draft", "writer2Published"]);
  });

  it("an editor sees everything except other people's drafts", async () => {
    expect(await visible(asEditor)).toEqual(["writer2Published", "writerSubmitted"]);
  });

  it("the adviser sees everything", async () => {
    expect(await visible(asAdviser)).toEqual(["coAuthored", "writer2Draft", "writer2Published", "writerDraft", "writerSubmitted"]);
  });

  it("'mine' narrows to the actor's own stories", async () => {
    expect(await visible(asWriter, { mine: true })).toEqual(["coAuthored", "writerDraft", "writerSubmitted"]);
    expect(await visible(asAdviser, { mine: true })).toEqual([]);
  });

  it("filters by status", async () => {
    const drafts = await listArticlesForActor({ actor: asAdviser, filter: { status: "DRAFT" } });
    expect(drafts.every((a) => a.status === "DRAFT")).toBe(true);
    expect(drafts.map((a) => a.id)).toContain(ids.writerDraft);
    expect(drafts.map((a) => a.id)).not.toContain(ids.writerSubmitted);
  });
});

describe("listPublishedArticles", () => {
  it("returns only PUBLISHED stories", async () => {
    const section = await createTestSection();
    const opts = { section: section.slug };
    const live = await published(asWriter, opts);
    const scheduledStory = await approved(asWriter, opts);
    await transitionArticle({
      actor: asAdviser,
      id: scheduledStory.id,
      input: { action: "publish", publishAt: new Date(Date.now() + 365 * 24 * 60 * MINUTE).toISOString() },
    });
    const pulled = await published(asWriter, opts);
    await transitionArticle({ actor: asAdviser, id: pulled.id, input: { action: "unpublish", note: "Retracted." } });
    await Promise.all([draft(asWriter, opts), submitted(asWriter, opts), approved(asWriter, opts)]);
    const changes = await submitted(asWriter, opts);
    await transitionArticle({ actor: asEditor, id: changes.id, input: { action: "request_changes", note: "More sources." } });

    const statuses = await db.article.groupBy({ by: ["status"], where: { sectionId: section.id }, _count: true });
    expect(statuses.map((s) => s.status).sort()).toEqual(["APPROVED", "CHANGES_REQUESTED", "DRAFT", "PUBLISHED", "SCHEDULED", "SUBMITTED", "UNPUBLISHED"]);

    const { articles, total } = await listPublishedArticles({ sectionSlug: section.slug });
    expect(articles.map((a) => a.id)).toEqual([live.id]);
    expect(total).toBe(1);
    expect(articles[0]).toMatchObject({ status: "PUBLISHED", section: { slug: section.slug } });
    expect(await findPublishedArticle({ slug: pulled.slug })).toBeNull();
  });

  it("never includes anything unpublished, across all sections", async () => {
    const { articles } = await listPublishedArticles({ limit: 500 });
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((a) => a.status === "PUBLISHED")).toBe(true);
  });
});
