import { actorFor, createTestSection, createTestUser, type TestUser, uniq } from "@/lib/testing/db";
import { archivePlans } from "@/lib/testing/query-plan";
import { createArticle, transitionArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { STATUS } from "@/lib/domain/workflow";
import { Prisma } from "@/lib/generated/prisma/client";
import { pinnedIdsSql } from "./articles";
import { db, engine } from "./db";
import { findAuthorBySlug } from "./people";
import { cardRowsSql, findStoriesByIds, listingCountSql, listingIdsSql, listPublishedCards, listSitemapStories, sitemapStoriesSql } from "./public";
import { searchPublished, searchSql, searchSqlPg, toFtsQuery, toTsQuery } from "./search";

/**
 * Listings that stay fast on a 30-year archive (issue 17): each listing order is served by an
 * index (no "USE TEMP B-TREE FOR ORDER BY": that would sort the whole archive on every
 * request), author and tag pages paginate, and the byline/tag sort key follows publication.
 */

let writer: TestUser, adviser: TestUser;
let asWriter: Actor, asAdviser: Actor;

beforeAll(async () => {
  [writer, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "ADVISER" })]);
  asWriter = actorFor(writer);
  asAdviser = actorFor(adviser);
});

/**
 * PostgreSQL plans depend on the table's statistics, and the shared test database holds a few
 * hundred rows, on which the planner rightly reads the whole table and sorts it. So the plans
 * are taken on a database of its own holding an archive: 30 years of stories (30,000, a tenth
 * of them drafts) across 20 sections, 100 tags and 50 bylines (the prolific bylines and common
 * tags the listedAt indexes are for: a few dozen rows a planner may fairly sort), vacuumed and
 * analysed as autovacuum keeps a live one. The planner is left to choose freely.
 */
const ARCHIVE_SQL = [
  // Number 1 of each is the "x" (and the section "news") that the plan checks below ask about.
  `CREATE FUNCTION pick(prefix text, n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN n = 1 THEN 'x' ELSE prefix || n END $$`,
  `INSERT INTO "Person" ("id", "slug", "fullName", "updatedAt") SELECT pick('p', g), 'p-' || g, 'Person ' || g, now() FROM generate_series(1, 50) g`,
  `INSERT INTO "User" ("id", "email", "passwordHash", "personId", "updatedAt") VALUES ('u1', 'u1@archive.example', 'x', 'x', now())`,
  `INSERT INTO "Section" ("id", "name", "slug") SELECT pick('s', g), 'Section ' || g, CASE WHEN g = 1 THEN 'news' ELSE 's-' || g END FROM generate_series(1, 20) g`,
  `INSERT INTO "Tag" ("id", "name", "slug") SELECT pick('t', g), 'Tag ' || g, pick('t-', g) FROM generate_series(1, 100) g`,
  `INSERT INTO "Article" ("id", "slug", "headline", "bodyJson", "bodyHtml", "status", "sectionId", "createdById", "noindex", "pinRank", "publishedAt", "updatedAt")
     SELECT 'a' || g, 'a-' || g, 'Story ' || g, '{}', repeat('<p>Words.</p>', 40),
       (CASE WHEN g % 10 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END)::"ArticleStatus", pick('s', g % 20 + 1), 'u1', g % 50 = 1,
       CASE WHEN g BETWEEN 29991 AND 29995 THEN g - 29990 END, CASE WHEN g % 10 <> 0 THEN timestamp '1996-09-01' + g * interval '8 hours' END, now()
     FROM generate_series(1, 30000) g`,
  `INSERT INTO "ArticleAuthor" ("articleId", "personId") SELECT 'a' || g, pick('p', g % 50 + 1) FROM generate_series(1, 30000) g`,
  `INSERT INTO "ArticleTag" ("articleId", "tagId") SELECT 'a' || g, pick('t', g % 100 + 1) FROM generate_series(1, 30000) g`,
  // The search index holds the public stories; "lighthouse" is in one story in ten.
  `INSERT INTO "ArticleSearch" ("articleId", "headline", "dek", "body") SELECT 'a' || g, 'Story ' || g, NULL, CASE WHEN g % 10 = 3 THEN 'the lighthouse keeper' ELSE 'words words' END || ' of story ' || g FROM generate_series(1, 30000) g WHERE g % 10 <> 0`,
  `VACUUM (ANALYZE) "Person", "User", "Section", "Tag", "Article", "ArticleAuthor", "ArticleTag", "ArticleSearch"`,
];

/** The query plan as text: SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN on the archive. */
const plan = archivePlans(ARCHIVE_SQL);

/** Each engine's words for the plan shapes the listings rely on. */
const shapes =
  engine === "postgres"
    ? {
        sort: /Sort/,
        covering: (index: string) => new RegExp(`Index Only Scan (Backward )?using "?${index}"?`),
        // A count may read the index through a bitmap; either way it never reads the table.
        counted: (index: string) => new RegExp(`(Index Only Scan (Backward )?using|Bitmap Index Scan on) "?${index}"?`),
        index: (index: string) => new RegExp(`Index Scan (Backward )?using "?${index}"?`),
      }
    : {
        sort: /TEMP B-TREE/,
        covering: (index: string) => new RegExp(`USING COVERING INDEX ${index}\\b`),
        counted: (index: string) => new RegExp(`USING COVERING INDEX ${index}\\b`),
        index: (index: string) => new RegExp(`USING INDEX ${index}\\b`),
      };

/** Published stories written straight to the database (fast), one hour apart, newest last. */
async function publishedStories(n: number, { personId, tagId, sectionId }: { personId: string; tagId?: string; sectionId?: string }) {
  const base = Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 1e9);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const story = await db.article.create({
      data: {
        slug: `listing-${uniq()}`,
        headline: `Listing ${i}`,
        bodyJson: "{}",
        bodyHtml: "<p>Body.</p>",
        status: STATUS.PUBLISHED,
        publishedAt: new Date(base + i * 3600_000),
        createdById: writer.userId,
        sectionId: sectionId ?? null,
        authors: { create: [{ personId }] },
        ...(tagId ? { tags: { create: [{ tagId }] } } : {}),
      },
      select: { id: true },
    });
    ids.push(story.id);
  }
  return ids.reverse();
}

describe("listing query plans", () => {
  const scopes = {
    "the whole paper": {},
    "a section by slug": { sectionSlug: "news" },
    "a section by id": { sectionId: "x" },
    "a tag by slug": { tagSlug: "x" },
    "a tag by id": { tagId: "x" },
    "an author": { authorPersonId: "x" },
  };

  it.each(Object.entries(scopes))("%s: one index, read in order, no sort", async (_name, scope) => {
    const listing = await plan(listingIdsSql(scope, { limit: 12, offset: 24 }));
    expect(listing).not.toMatch(shapes.sort);
    expect(listing).toMatch(shapes.covering("\\w+_(publishedAt|listedAt)_(id|articleId)_idx"));
    const count = await plan(listingCountSql(scope));
    expect(count).toMatch(shapes.counted("\\w+_idx"));
    expect(count).not.toMatch(/Seq Scan on "Article/);
  });

  it("a section rail that leaves out the front page's top stories still needs no sort", async () => {
    const rail = await plan(listingIdsSql({ sectionId: "x" }, { limit: 4, excludeIds: ["a", "b"] }));
    expect(rail).not.toMatch(shapes.sort);
    expect(rail).toMatch(shapes.covering("Article_sectionId_status_publishedAt_id_idx"));
  });

  it("the pinned stories come from the pinRank index, not a scan of every published story", async () => {
    const pinned = await plan(pinnedIdsSql());
    expect(pinned).toMatch(shapes.index("Article_pinRank_idx"));
    expect(pinned).not.toMatch(shapes.sort);
  });

  it("a story sitemap reads 50,000 addresses from a covering index", async () => {
    const sitemap = await plan(sitemapStoriesSql({ n: 2, perSitemap: 50_000 }));
    expect(sitemap).toMatch(shapes.covering("Article_status_noindex_publishedAt_id_slug_updatedAt_idx"));
    expect(sitemap).not.toMatch(shapes.sort);
  });

  it("a page's cards are read by primary key, never through the status index", async () => {
    const { stories, bylines } = cardRowsSql(["a1", "a2", "a3"]);
    const cards = await plan(stories);
    if (engine === "postgres") {
      expect(cards).toMatch(/Index Scan using "Article_pkey" on "Article"/);
      expect(cards).not.toMatch(/Article_status|Seq Scan on "Article"/);
      expect(await plan(bylines)).toMatch(/(Index|Index Only|Bitmap Index) Scan (using|on) "ArticleAuthor_pkey"/);
    } else {
      expect(cards).toMatch(/SEARCH a USING INDEX sqlite_autoindex_Article_1 \(id=\?\)/);
      expect(cards).not.toMatch(/status|SCAN/);
      expect(await plan(bylines)).toMatch(/SEARCH aa USING (COVERING )?INDEX sqlite_autoindex_ArticleAuthor_1 \(articleId=\?\)/);
    }
  });

  it("search ranks one page from the index and joins only that page back, not every match", async () => {
    if (engine === "postgres") {
      // The GIN index finds the matches; the page's stories are then read by primary key.
      const search = await plan(searchSqlPg(toTsQuery("lighthouse")!, 20, 0));
      expect(search).toMatch(/Bitmap Index Scan on "ArticleSearch_document_idx"/);
      expect(search).toMatch(/Index Scan using "Article_pkey" on "Article"/);
      expect(search).not.toMatch(/Seq Scan on "Article"/);
    } else {
      // FTS5: joined back by rowid, not by a second MATCH scanning every match once per row.
      const search = await plan(searchSql(toFtsQuery("lighthouse")!, 20, 0));
      expect(search).toMatch(/VIRTUAL TABLE INDEX \d+:=M/);
      expect(search).not.toMatch(/SCAN \w+ VIRTUAL TABLE INDEX \d+:M[\s\S]*SCAN \w+ VIRTUAL TABLE INDEX \d+:M/);
    }
  });

  it("the order the listings used before (publishedAt desc, id asc) is one no index serves", async () => {
    // Why the listings order by id DESC: with the old tie-break both engines sort (SQLite each
    // run of equal dates, PostgreSQL an incremental sort). The plan checks above catch it.
    const old = await plan(Prisma.sql`SELECT "id" FROM "Article" WHERE "status" = ${STATUS.PUBLISHED} ORDER BY "publishedAt" DESC, "id" ASC LIMIT 12`);
    expect(old).toMatch(engine === "postgres" ? /Sort/ : /USE TEMP B-TREE FOR (LAST TERM OF )?ORDER BY/);
  });
});

describe("author and tag pages paginate", () => {
  it("an author's stories: pages of 12, newest first, disjoint and complete, with the total", async () => {
    const author = await createTestUser({ role: "WRITER" });
    const ids = await publishedStories(15, { personId: author.personId });
    const first = await listPublishedCards({ authorPersonId: author.personId, limit: 12 });
    const second = await listPublishedCards({ authorPersonId: author.personId, limit: 12, offset: 12 });
    expect(first.total).toBe(15);
    expect(first.articles.map((a) => a.id)).toEqual(ids.slice(0, 12));
    expect(second.articles.map((a) => a.id)).toEqual(ids.slice(12));
    // Card data only: no body travels with a listing.
    expect(first.articles[0]).not.toHaveProperty("body");
    expect(first.articles[0].authors[0].id).toBe(author.personId);
  });

  it("a tag's stories: pages of 12, newest first, disjoint and complete, by slug or id", async () => {
    const tag = await db.tag.create({ data: { name: `Tag ${uniq()}`, slug: `tag-${uniq()}` } });
    const ids = await publishedStories(14, { personId: writer.personId, tagId: tag.id });
    const bySlug = [await listPublishedCards({ tagSlug: tag.slug, limit: 12 }), await listPublishedCards({ tagSlug: tag.slug, limit: 12, offset: 12 })];
    expect(bySlug[0].total).toBe(14);
    expect([...bySlug[0].articles, ...bySlug[1].articles].map((a) => a.id)).toEqual(ids);
    expect((await listPublishedCards({ tagId: tag.id, limit: 12, offset: 12 })).articles.map((a) => a.id)).toEqual(ids.slice(12));
  });

  it("unpublishing takes a story off its author's and tag's pages, and publishing again puts it back", async () => {
    const section = await createTestSection();
    const tagName = `Archive ${uniq()}`;
    const story = await createArticle({ actor: asWriter, input: { headline: `Trigger ${uniq()}`, dek: "", body: "<p>Words.</p>", section: section.slug, tags: [tagName] } });
    const tag = await db.tag.findUniqueOrThrow({ where: { name: tagName } });
    const listed = async () => ({
      tag: (await listPublishedCards({ tagId: tag.id })).articles.map((a) => a.id),
      author: (await listPublishedCards({ authorPersonId: writer.personId, limit: 500 })).articles.map((a) => a.id),
      published: (await findAuthorBySlug({ slug: (await db.person.findUniqueOrThrow({ where: { id: writer.personId } })).slug }))?.published,
    });
    const before = await listed();
    expect(before.tag).toEqual([]);

    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
    const live = await listed();
    expect(live.tag).toEqual([story.id]);
    expect(live.author).toContain(story.id);
    expect(live.published).toBe((before.published ?? 0) + 1);

    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "unpublish", note: "Pulled." } });
    const pulled = await listed();
    expect(pulled.tag).toEqual([]);
    expect(pulled.author).not.toContain(story.id);
    expect(pulled.published).toBe(before.published);
  });

  it("a tag added to a story that is already published lists it at once", async () => {
    const ids = await publishedStories(1, { personId: writer.personId });
    const tag = await db.tag.create({ data: { name: `Late ${uniq()}`, slug: `late-${uniq()}` } });
    await db.articleTag.create({ data: { articleId: ids[0], tagId: tag.id } });
    expect((await listPublishedCards({ tagId: tag.id })).articles.map((a) => a.id)).toEqual(ids);
  });
});

describe("findStoriesByIds", () => {
  it("returns published stories in the order asked and leaves out any other", async () => {
    const ids = await publishedStories(2, { personId: writer.personId });
    const draft = await createArticle({ actor: asWriter, input: { headline: `Draft ${uniq()}`, dek: "", body: "<p>Not public.</p>" } });
    expect((await findStoriesByIds([ids[1], draft.id, "no-such-id", ids[0]])).map((s) => s.id)).toEqual([ids[1], ids[0]]);
  });

  it("carries what a card shows: section, bylines in order, lead image, dates", async () => {
    const section = await createTestSection();
    const second = await createTestUser({ role: "WRITER" });
    const [id] = await publishedStories(1, { personId: writer.personId, sectionId: section.id });
    await db.articleAuthor.create({ data: { articleId: id!, personId: second.personId, position: 1 } });
    const [card] = await findStoriesByIds([id!]);
    const row = await db.article.findUniqueOrThrow({ where: { id }, select: { headline: true, publishedAt: true, updatedAt: true } });
    expect(card).toMatchObject({ id, headline: row.headline, noindex: false, leadImage: null, publishedAt: row.publishedAt!.toISOString(), updatedAt: row.updatedAt.toISOString() });
    expect(card!.section).toEqual({ id: section.id, name: section.name, slug: section.slug });
    expect(card!.authors.map((a) => a.id)).toEqual([writer.personId, second.personId]);
    expect(card!.authors[0]!.name.length).toBeGreaterThan(0);
  });
});

describe("story sitemaps", () => {
  it("split the published stories into disjoint, complete files, oldest first", async () => {
    await publishedStories(3, { personId: writer.personId });
    const all = (await listSitemapStories({ n: 1, perSitemap: 1_000_000 })).map((s) => s.slug);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const per = Math.ceil(all.length / 3);
    const files = await Promise.all([1, 2, 3, 4].map((n) => listSitemapStories({ n, perSitemap: per })));
    expect(files.flat().map((s) => s.slug)).toEqual(all);
    expect(files.every((f) => f.length <= per)).toBe(true);
    expect(files[3]).toEqual([]);
  });
});

describe("searchPublished", () => {
  it("ranks from the index, counts every match and loads only the page's stories", async () => {
    const word = `zq${uniq()}`;
    const stories = [];
    for (const headline of [`Big ${word} news`, "Other news"]) {
      const s = await createArticle({ actor: asWriter, input: { headline: `${headline} ${uniq()}`, dek: "", body: `<p>The ${word} again and ${word}.</p>` } });
      await transitionArticle({ actor: asWriter, id: s.id, input: { action: "submit" } });
      await transitionArticle({ actor: asAdviser, id: s.id, input: { action: "approve" } });
      stories.push(await transitionArticle({ actor: asAdviser, id: s.id, input: { action: "publish" } }));
    }
    const { hits, total } = await searchPublished({ q: word });
    expect(total).toBe(2);
    // The headline match ranks first; snippets mark the matches.
    expect(hits.map((h) => h.id)).toEqual([stories[0].id, stories[1].id]);
    expect(hits[0].snippet).toContain(`\u0001${word}\u0002`);
    expect((await searchPublished({ q: word, limit: 1, offset: 1 })).hits.map((h) => h.id)).toEqual([stories[1].id]);
  });
});
