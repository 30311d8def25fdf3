// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestSection, createTestUser, type TestUser, uniq } from "@/lib/testing/db";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { STATUS } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { archivePlans, onPostgres, readsByIndex } from "@/lib/testing/query-plan";
import { STORY_ARCHIVE_SQL } from "@/lib/testing/story-archive";
import { createArticle, publishThroughReview, transitionArticle, updateArticle, uploadTestPhoto } from "@/lib/testing/use-cases";
import * as updateUseCase from "@/lib/use-cases/articles/update-article";
import type { TArticleFilter } from "@/lib/validation/article";
import {
  articleInclude,
  decodeArticleCursor,
  editorStoriesSql,
  encodeArticleCursor,
  type EditorArticleDto,
  listArticlesPageForActor,
  toEditorArticleDto,
  visibleTo,
  withRenderedBody,
} from "./articles";
import { db } from "./db";
import { getPublication } from "./publication";

/**
 * GET /api/v1/articles reads its page as plain SQL (issue 17): the same stories, in the same
 * order, with the same cursor, as the same API objects as the Prisma include it replaced, which
 * is kept below as the reference (`includePage`, the code as it was).
 */

async function includePage({ actor, filter = {}, mine = false, cursor, limit = 50 }: { actor: Actor; filter?: TArticleFilter; mine?: boolean; cursor?: string; limit?: number }) {
  const where: Prisma.ArticleWhereInput[] = [visibleTo(actor)];
  if (mine) {
    const [created, bylines, assigned] = await Promise.all([
      db.article.findMany({ where: { createdById: actor.userId }, select: { id: true } }),
      db.articleAuthor.findMany({ where: { personId: actor.personId }, select: { articleId: true } }),
      db.articleAssignee.findMany({ where: { userId: actor.userId }, select: { articleId: true } }),
    ]);
    where.push({ id: { in: [...new Set([...created.map((r) => r.id), ...bylines.map((r) => r.articleId), ...assigned.map((r) => r.articleId)])] } });
  }
  if (filter.status) where.push({ status: filter.status });
  if (filter.section) where.push({ section: { slug: filter.section } });
  if (cursor !== undefined) {
    const after = decodeArticleCursor(cursor);
    where.push({ updatedAt: { lte: after.updatedAt } }, { OR: [{ updatedAt: { lt: after.updatedAt } }, { id: { lt: after.id } }] });
  }
  const pub = await getPublication();
  const found = await db.article.findMany({ where: { AND: where }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], include: articleInclude, take: limit + 1 });
  const rows = found.slice(0, limit);
  const last = rows[rows.length - 1];
  const nextCursor = found.length > limit && last ? encodeArticleCursor(last) : null;
  const rendered = [];
  for (const row of rows) rendered.push(await withRenderedBody(row));
  return { articles: rendered.map((r) => toEditorArticleDto(r, pub)), nextCursor };
}

let owner: TestUser, coAuthor: TestUser, photographer: TestUser, assigningEditor: TestUser;
let actors: Record<string, Actor>;
let section: { id: string; slug: string };
let ids: Record<string, string>;
/** Tag names of this run's own: tags are shared by every test file, and one name in any case is one tag. */
const run = uniq();
const tag = (name: string) => `${name} ${run}`;

const photo = (alt: string, caption: string) => uploadTestPhoto(actorFor(owner), { name: `api-${uniq()}`, alt, caption });

const toLive = (id: string, publishAt?: string) => publishThroughReview({ writer: actors.owner!, publisher: actors.adviser!, id, publishAt });

beforeAll(async () => {
  [owner, coAuthor, photographer, assigningEditor] = await Promise.all([
    createTestUser({ role: "WRITER", graduationYear: 2028 }),
    createTestUser({ role: "WRITER", fullName: "Mina Choi" }),
    createTestUser({ role: "WRITER" }),
    createTestUser({ role: "EDITOR" }),
  ]);
  const [otherWriter, editor, adviser, admin] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "EDITOR" }), createTestUser({ role: "ADVISER" }), createTestUser({ role: "ADMIN" })]);
  actors = {
    owner: actorFor(owner),
    coAuthor: actorFor(coAuthor),
    photographer: actorFor(photographer),
    otherWriter: actorFor(otherWriter),
    assigningEditor: actorFor(assigningEditor),
    editor: actorFor(editor),
    adviser: actorFor(adviser),
    admin: actorFor(admin),
  };
  // A pen name the paper approved, shown instead of the name.
  await db.person.update({ where: { id: coAuthor.personId }, data: { penName: "The Night Owl", penNameApproved: true, nameDisplay: "PEN_NAME" } });
  section = await createTestSection();
  const other = await createTestSection();
  const [lead, second] = [await photo("Students at the gate", "The library's caption"), await photo("The board meets", "")];
  const create = (headline: string, extra: { tags?: string[]; coAuthorIds?: string[] } = {}) =>
    createArticle({ actor: actors.owner!, input: { headline: `${headline} ${uniq()}`, dek: "", body: "<p>First words.</p>", section: section.slug, ...extra } });

  // A draft autosaved after it was made: its HTML is left unrendered until someone reads it.
  const saved = await create("Saved draft");
  await updateUseCase.updateArticle({
    answer: "minimal",
    actor: actors.owner!,
    id: saved.id,
    input: { version: saved.version, dek: "A dek", body: "<p>Second words &amp; more.</p>", tags: [tag("Zoning"), tag("board"), tag("Élections")], coAuthorIds: [coAuthor.personId], leadImageId: lead.id, leadImageCaption: "Our own caption" },
  });
  const plain = await create("Text only");
  // Assigned by an editor, with a photographer on it.
  const assigned = await create("Assigned");
  await db.article.update({ where: { id: assigned.id }, data: { assignedById: assigningEditor.userId } });
  await db.articleAssignee.create({ data: { articleId: assigned.id, userId: photographer.userId, role: "PHOTOGRAPHER" } });
  const submitted = await create("Submitted", { tags: [tag("Budget")] });
  await transitionArticle({ actor: actors.owner!, id: submitted.id, input: { action: "submit" } });
  const sentBack = await create("Sent back");
  await transitionArticle({ actor: actors.owner!, id: sentBack.id, input: { action: "submit" } });
  await transitionArticle({ actor: actors.editor!, id: sentBack.id, input: { action: "request_changes", note: "More sources." } });

  // Live, untouched since: the library's caption under its photo.
  const clean = await create("Live", { tags: [tag("Budget"), tag("Arts")] });
  await updateArticle({ actor: actors.owner!, id: clean.id, input: { version: clean.version, leadImageId: second.id } });
  await toLive(clean.id);
  // Live with a working copy that changes the text and everything beside it.
  const pending = await create("Live edited", { tags: [tag("Old tag")], coAuthorIds: [coAuthor.personId] });
  const live = await toLive(pending.id);
  await updateUseCase.updateArticle({
    answer: "minimal",
    actor: actors.adviser!,
    id: pending.id,
    input: { version: live.version, headline: `Live edited again ${uniq()}`, body: "<p>New words.</p>", tags: [tag("New tag"), tag("Zoning")], section: other.slug, leadImageId: lead.id, leadImageCaption: "Working caption", coAuthorIds: [] },
  });
  // Live with a working copy that changes only its tags.
  const besideOnly = await create("Live retagged", { tags: [tag("Arts")] });
  const retag = await toLive(besideOnly.id);
  await updateArticle({ actor: actors.adviser!, id: besideOnly.id, input: { version: retag.version, tags: [tag("Arts"), tag("Budget")] } });
  // Scheduled, with an edit waiting in its working copy.
  const scheduled = await create("Scheduled");
  const due = await toLive(scheduled.id, new Date(Date.now() + 86_400_000).toISOString());
  await updateArticle({ actor: actors.adviser!, id: scheduled.id, input: { version: due.version, dek: "Changed before it goes out" } });
  // Another writer's draft with a co-author from this test.
  const theirs = await createArticle({ actor: actors.otherWriter!, input: { headline: `Theirs ${uniq()}`, dek: "", body: "<p>Theirs.</p>", section: section.slug, coAuthorIds: [coAuthor.personId] } });
  ids = { saved: saved.id, plain: plain.id, assigned: assigned.id, submitted: submitted.id, sentBack: sentBack.id, clean: clean.id, pending: pending.id, besideOnly: besideOnly.id, scheduled: scheduled.id, theirs: theirs.id };
}, 120_000);


/** Plans: SQLite on the test database; PostgreSQL on an archive of its own (lib/testing/story-archive.ts). */
const planOnArchive = archivePlans(STORY_ARCHIVE_SQL, { timeout: 120_000 });

describe("GET /api/v1/articles as plain SQL", () => {
  it("renders HTML an autosave left unrendered once, writes it back, and answers as the include did", async () => {
    const html = async () => [
      (await db.article.findUniqueOrThrow({ where: { id: ids.saved }, select: { bodyHtml: true } })).bodyHtml,
      (await db.article.findUniqueOrThrow({ where: { id: ids.pending }, select: { draftBodyHtml: true } })).draftBodyHtml,
    ];
    expect(await html(), "an autosave leaves the HTML unrendered").toEqual(["", ""]);
    const filter = { section: section.slug };
    // The plain read first, so it is the one that renders.
    const got = await listArticlesPageForActor({ actor: actors.owner!, filter });
    expect(await html()).toEqual(["<p>Second words &amp; more.</p>", "<p>New words.</p>"]);
    expect(got).toStrictEqual(await includePage({ actor: actors.owner!, filter }));
    const story = got.articles.find((a) => a.id === ids.saved)!;
    expect(story.body).toBe("<p>Second words &amp; more.</p>");
    expect(story.tags.map((t) => t.name).sort()).toEqual([tag("Zoning"), tag("board"), tag("Élections")]);
    expect(story.authors.map((a) => a.name)).toEqual([expect.any(String), "The Night Owl"]);
    expect(story.leadImage).toMatchObject({ alt: "Students at the gate", caption: "Our own caption", credit: "Staff photo" });
  });

  it("gives every role the same pages as the include: stories, order, API objects and nextCursor", async () => {
    const filters: TArticleFilter[] = [{ section: section.slug }, { section: section.slug, status: STATUS.DRAFT }, { section: section.slug, status: STATUS.PUBLISHED }, { section: section.slug, status: STATUS.SCHEDULED }];
    const seenBy: Record<string, string[]> = {};
    for (const [name, actor] of Object.entries(actors)) {
      for (const filter of filters) {
        for (const mine of [false, true]) {
          let cursor: string | undefined;
          let pages = 0;
          do {
            const args = { actor, filter, mine, cursor, limit: 3 };
            const got = await listArticlesPageForActor(args);
            expect(got, `${name} ${JSON.stringify(filter)} mine=${mine} page ${pages + 1}`).toStrictEqual(await includePage(args));
            if (!filter.status && !mine) (seenBy[name] ??= []).push(...got.articles.map((a) => a.id));
            cursor = got.nextCursor ?? undefined;
            pages++;
          } while (cursor && pages < 10);
        }
      }
      // A page without ?limit= (50).
      expect(await listArticlesPageForActor({ actor, filter: filters[0] })).toStrictEqual(await includePage({ actor, filter: filters[0] }));
    }
    // The roles do see different stories (so the comparison above covered visibility).
    const names = (who: string) => Object.entries(ids).filter(([, id]) => seenBy[who]!.includes(id)).map(([n]) => n).sort();
    expect(names("adviser")).toEqual(Object.keys(ids).sort());
    expect(names("admin")).toEqual(Object.keys(ids).sort());
    expect(names("owner")).toEqual(Object.keys(ids).filter((n) => n !== "theirs").sort());
    expect(names("otherWriter")).toEqual(["besideOnly", "clean", "pending", "theirs"]);
    expect(names("coAuthor")).toEqual(["besideOnly", "clean", "pending", "saved", "theirs"]);
    expect(names("photographer")).toEqual(["assigned", "besideOnly", "clean", "pending"]);
    expect(names("editor")).toEqual(["besideOnly", "clean", "pending", "scheduled", "sentBack", "submitted"]);
    expect(names("assigningEditor")).toEqual(["assigned", "besideOnly", "clean", "pending", "scheduled", "sentBack", "submitted"]);
  });

  it("shows a working copy as the include did: its text and what it shows beside it, with the live story beside", async () => {
    const { articles } = await listArticlesPageForActor({ actor: actors.adviser!, filter: { section: section.slug } });
    const byId = new Map<string, EditorArticleDto>(articles.map((a) => [a.id, a]));
    const pending = byId.get(ids.pending)!;
    expect(pending).toMatchObject({ pendingChanges: true, body: "<p>New words.</p>", tags: [{ name: tag("New tag") }, { name: tag("Zoning") }], leadImage: { caption: "Working caption" }, live: { body: "<p>First words.</p>", tags: [{ name: tag("Old tag") }], leadImage: null } });
    expect(pending.section?.slug).not.toBe(section.slug);
    expect(pending.authors).toHaveLength(1);
    expect(pending.live?.authors).toHaveLength(2);
    expect(byId.get(ids.besideOnly)).toMatchObject({ pendingChanges: true, tags: [{ name: tag("Arts") }, { name: tag("Budget") }], live: { tags: [{ name: tag("Arts") }] } });
    expect(byId.get(ids.scheduled)).toMatchObject({ status: STATUS.SCHEDULED, pendingChanges: true, dek: "Changed before it goes out", live: { dek: "" } });
    expect(byId.get(ids.scheduled)?.publishAt).toEqual(expect.any(String));
    const clean = byId.get(ids.clean)!;
    expect(clean).toMatchObject({ pendingChanges: false, leadImage: { alt: "The board meets", caption: "" }, tags: [{ name: tag("Arts") }, { name: tag("Budget") }] });
    expect(clean).not.toHaveProperty("live");
    expect(clean.authors[0]?.detail).toEqual(expect.any(String));
    expect(byId.get(ids.plain)).toMatchObject({ tags: [], leadImage: null, pendingChanges: false });
  });

  it("reads each statement by primary key or index", async () => {
    const sql = editorStoriesSql(["a7", "a13"]);
    const keys = { stories: ["Article", "Section", "Media"], tags: ["ArticleTag", "ArticleDraftTag", "Tag"], bylines: ["ArticleAuthor", "ArticleDraftAuthor", "Person"] };
    const keysOnPostgres: Record<keyof typeof keys, string[]> = { stories: ["Article"], tags: ["ArticleTag", "ArticleDraftTag"], bylines: ["ArticleAuthor", "ArticleDraftAuthor"] };
    for (const [name, statement] of Object.entries(sql) as [keyof typeof keys, Prisma.Sql][]) {
      const plan = await planOnArchive(statement);
      // Every table is searched by its key (a story's few tags and bylines are sorted in memory).
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
