// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestSection, createTestUser, type TestUser, uniq } from "@/lib/testing/db";
import { beforeAll, describe, expect, it } from "vitest";
import { type Actor, SYSTEM_ACTOR } from "@/lib/auth/policy";
import { STATUS } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { archivePlans, onPostgres, readsByIndex } from "@/lib/testing/query-plan";
import { STORY_ARCHIVE_SQL } from "@/lib/testing/story-archive";
import { createArticle, publishThroughReview, updateArticle, uploadTestPhoto } from "@/lib/testing/use-cases";
import * as updateUseCase from "@/lib/use-cases/articles/update-article";
import { articleInclude, articleRowSql, findArticleForActor, findArticleRow } from "./articles";
import { db } from "./db";

/**
 * Every save and transition reads its story with findArticleRow (issue 16): plain SQL by key
 * that must give exactly what Prisma's include gave (kept here as the reference), on both engines.
 */

/**
 * Prisma's include, the reference. It gives a story's assignees in whatever order the database
 * returns them (no ORDER BY); findArticleRow sorts them by user, then role, so the reference is
 * put in that order (nothing reads them in order: factsOf takes them as a set).
 */
const include = async (id: string, client: Pick<typeof db, "article"> = db) => {
  const row = await client.article.findUnique({ where: { id }, include: articleInclude });
  const key = (a: { role: string; user: { id: string } }) => `${a.user.id}\u0000${a.role}`;
  return row && { ...row, assignees: [...row.assignees].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
};

let owner: TestUser, coAuthor: TestUser, photographer: TestUser, secondWriter: TestUser;
let actors: Record<string, Actor>;
let ids: Record<string, string>;
const run = uniq();
const tag = (name: string) => `${name} ${run}`;

const photo = (alt: string, caption: string) => uploadTestPhoto(actorFor(owner), { name: `row-${uniq()}`, alt, caption });

const toLive = (id: string, publishAt?: string) => publishThroughReview({ writer: actors.owner!, publisher: actors.adviser!, id, publishAt });

beforeAll(async () => {
  [owner, coAuthor, photographer, secondWriter] = await Promise.all([
    createTestUser({ role: "WRITER", graduationYear: 2027 }),
    createTestUser({ role: "WRITER", fullName: "Lina Haddad" }),
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "WRITER" }),
  ]);
  const [otherWriter, editor, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "EDITOR" }), createTestUser({ role: "ADVISER" })]);
  actors = { owner: actorFor(owner), otherWriter: actorFor(otherWriter), editor: actorFor(editor), adviser: actorFor(adviser), coAuthor: actorFor(coAuthor) };
  // A pen name the paper approved.
  await db.person.update({ where: { id: coAuthor.personId }, data: { penName: "Quiet Fox", penNameApproved: true, nameDisplay: "PEN_NAME" } });
  const [section, other] = [await createTestSection(), await createTestSection()];
  const [lead, second] = [await photo("Students at the gate", "The library's caption"), await photo("The board meets", "")];
  const create = (headline: string, extra: { tags?: string[]; coAuthorIds?: string[] } = {}) =>
    createArticle({ actor: actors.owner!, input: { headline: `${headline} ${uniq()}`, dek: "", body: "<p>First words.</p>", section: section.slug, ...extra } });

  // A draft without tags, bylines beyond its writer, or lead image.
  const plain = await create("Text only");
  // A draft with several tags, a pen-name co-author and a lead image with its own caption, autosaved.
  const tagged = await create("Tagged", { tags: [tag("Zoning"), tag("board"), tag("Élections")], coAuthorIds: [coAuthor.personId] });
  await updateUseCase.updateArticle({ answer: "minimal", actor: actors.owner!, id: tagged.id, input: { version: tagged.version, body: "<p>Second words &amp; more.</p>", leadImageId: lead.id, leadImageCaption: "Our own caption" } });
  // An assignment: deadline, target length, the editor who assigned it, two assignees.
  const assigned = await create("Assigned");
  await db.article.update({ where: { id: assigned.id }, data: { assignedById: editor.userId, deadline: new Date("2027-03-01T15:30:00.250Z"), targetWords: 600, noindex: true } });
  await db.articleAssignee.createMany({
    data: [
      { articleId: assigned.id, userId: photographer.userId, role: "PHOTOGRAPHER" },
      { articleId: assigned.id, userId: secondWriter.userId, role: "WRITER" },
      { articleId: assigned.id, userId: secondWriter.userId, role: "PHOTOGRAPHER" },
    ],
  });
  // Live with a working copy that changes the text and everything beside it.
  const pending = await create("Live edited", { tags: [tag("Old tag")], coAuthorIds: [coAuthor.personId] });
  await updateArticle({ actor: actors.owner!, id: pending.id, input: { version: pending.version, leadImageId: second.id } });
  const live = await toLive(pending.id);
  await db.article.update({ where: { id: pending.id }, data: { pinRank: 2 } });
  await updateUseCase.updateArticle({
    answer: "minimal",
    actor: actors.adviser!,
    id: pending.id,
    input: { version: live.version, headline: `Live edited again ${uniq()}`, body: "<p>New words.</p>", tags: [tag("New tag"), tag("Zoning")], section: other.slug, leadImageId: lead.id, leadImageCaption: "Working caption", coAuthorIds: [] },
  });
  await db.article.update({ where: { id: pending.id }, data: { draftRequestedById: owner.userId, draftRequestedAt: new Date() } });
  // Scheduled, with an edit waiting in its working copy.
  const scheduled = await create("Scheduled", { coAuthorIds: [coAuthor.personId] });
  const due = await toLive(scheduled.id, new Date(Date.now() + 86_400_000).toISOString());
  await updateArticle({ actor: actors.adviser!, id: scheduled.id, input: { version: due.version, dek: "Changed before it goes out" } });
  // Live and clean: published, no working copy.
  const clean = await create("Live", { tags: [tag("Arts"), tag("Budget")] });
  await toLive(clean.id);
  ids = { plain: plain.id, tagged: tagged.id, assigned: assigned.id, pending: pending.id, scheduled: scheduled.id, clean: clean.id };
}, 120_000);


/** Plans: SQLite on the test database; PostgreSQL on an archive of its own (lib/testing/story-archive.ts). */
const planOnArchive = archivePlans(STORY_ARCHIVE_SQL, { timeout: 120_000 });

describe("findArticleRow", () => {
  it("gives every story exactly what Prisma's include gives", async () => {
    for (const [name, id] of Object.entries(ids)) {
      const row = await findArticleRow({ id });
      expect(row, name).toStrictEqual(await include(id));
    }
    // The set covered what it claims to.
    const rows = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([name, id]) => [name, (await findArticleRow({ id }))!] as const)));
    expect(rows.plain).toMatchObject({ status: STATUS.DRAFT, tags: [], leadImage: null, draftHeadline: null, draftTags: [], draftAuthors: [], assignees: [] });
    expect(rows.tagged!.tags.map((t) => t.tag.name)).toEqual([tag("Zoning"), tag("board"), tag("Élections")].sort());
    expect(rows.tagged!.authors.map((a) => a.person.penName)).toEqual([null, "Quiet Fox"]);
    expect(rows.tagged).toMatchObject({ bodyHtml: "", leadImageCaption: "Our own caption", leadImage: { alt: "Students at the gate", width: expect.any(Number) } });
    expect(rows.assigned).toMatchObject({ noindex: true, targetWords: 600, deadline: new Date("2027-03-01T15:30:00.250Z"), assignedById: actors.editor!.userId });
    expect(rows.assigned!.assignees).toHaveLength(3);
    expect(rows.pending).toMatchObject({ status: STATUS.PUBLISHED, pinRank: 2, draftLeadImageCaption: "Working caption", draftLeadImage: { alt: "Students at the gate" }, leadImage: { alt: "The board meets" } });
    expect(rows.pending!.draftSection?.id).not.toBe(rows.pending!.section?.id);
    expect(rows.pending!.draftTags.map((t) => t.tag.name)).toEqual([tag("New tag"), tag("Zoning")]);
    expect(rows.pending!.draftAuthors).toHaveLength(1);
    expect(rows.pending!.authors).toHaveLength(2);
    expect(rows.pending!.draftRequestedAt).toBeInstanceOf(Date);
    expect(rows.scheduled).toMatchObject({ status: STATUS.SCHEDULED, publishAt: expect.any(Date), draftDek: "Changed before it goes out" });
    expect(rows.clean).toMatchObject({ status: STATUS.PUBLISHED, draftHeadline: null, liveUpdatedAt: null });
  });

  it("answers null for an id that is no story", async () => {
    expect(await findArticleRow({ id: `missing-${uniq()}` })).toBeNull();
  });

  it("reads inside the transaction it is given, seeing its uncommitted writes", async () => {
    const id = ids.assigned!;
    const before = await include(id);
    const rollback = new Error("roll back");
    await expect(
      db.$transaction(async (tx) => {
        await tx.article.update({ where: { id }, data: { headline: "Inside the transaction", version: { increment: 1 } } });
        await tx.articleAssignee.deleteMany({ where: { articleId: id, userId: photographer.userId } });
        const tagRow = await tx.tag.create({ data: { name: tag("Uncommitted"), slug: `uncommitted-${uniq()}` } });
        await tx.articleTag.create({ data: { articleId: id, tagId: tagRow.id } });
        const row = await findArticleRow({ id, tx });
        expect(row).toMatchObject({ headline: "Inside the transaction", version: before!.version + 1, tags: [{ tag: { name: tag("Uncommitted") } }] });
        expect(row!.assignees).toHaveLength(2);
        expect(row).toStrictEqual(await include(id, tx));
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await findArticleRow({ id })).toStrictEqual(before);
  });

  it("reads each statement by primary key or index", async () => {
    const sql = articleRowSql("a7");
    const keys = { story: ["Article", "Section", "Media"], tags: ["ArticleTag", "ArticleDraftTag", "Tag"], bylines: ["ArticleAuthor", "ArticleDraftAuthor", "Person"], assignees: ["ArticleAssignee", "User"] };
    const keysOnPostgres: Record<keyof typeof keys, string[]> = { story: ["Article"], tags: ["ArticleTag", "ArticleDraftTag"], bylines: ["ArticleAuthor", "ArticleDraftAuthor"], assignees: ["ArticleAssignee"] };
    for (const [name, statement] of Object.entries(sql) as [keyof typeof keys, Prisma.Sql][]) {
      const plan = await planOnArchive(statement);
      if (onPostgres) {
        // On the archive's statistics: the story's own rows by an index condition (the small
        // sections and tags tables it joins the planner may scan, as on a live archive).
        for (const table of keysOnPostgres[name]) expect(readsByIndex(plan, table), `${name}: ${table}\n${plan}`).toBe(true);
        continue;
      }
      expect(plan, name).not.toMatch(/^SCAN /m);
      for (const table of keys[name]) expect(plan, `${name}: ${table}`).toContain(`sqlite_autoindex_${table}_1 (`);
    }
  });
});

describe("findArticleForActor", () => {
  const notFound = expect.objectContaining({ code: "NOT_FOUND" });

  it("answers NOT_FOUND to an actor who may not view the story, and the story to one who may", async () => {
    await expect(findArticleForActor({ id: ids.plain!, actor: actors.otherWriter! })).rejects.toEqual(notFound);
    await expect(findArticleForActor({ id: ids.tagged!, actor: actors.editor! })).rejects.toEqual(notFound);
    await expect(findArticleForActor({ id: `missing-${uniq()}`, actor: actors.adviser! })).rejects.toEqual(notFound);
    expect(await findArticleForActor({ id: ids.tagged!, actor: actors.coAuthor! })).toStrictEqual(await include(ids.tagged!));
    expect(await findArticleForActor({ id: ids.assigned!, actor: actorFor(photographer) })).toStrictEqual(await include(ids.assigned!));
    expect(await findArticleForActor({ id: ids.assigned!, actor: actors.editor! })).toStrictEqual(await include(ids.assigned!));
    expect((await findArticleForActor({ id: ids.clean!, actor: actors.otherWriter! })).id).toBe(ids.clean);
  });

  it("lets the system actor (the scheduler) see only scheduled stories", async () => {
    expect(await findArticleForActor({ id: ids.scheduled!, actor: SYSTEM_ACTOR })).toStrictEqual(await include(ids.scheduled!));
    for (const name of ["plain", "tagged", "assigned", "pending", "clean"]) {
      await expect(findArticleForActor({ id: ids[name]!, actor: SYSTEM_ACTOR }), name).rejects.toEqual(notFound);
    }
  });
});
