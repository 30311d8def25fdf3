import "@/lib/testing/db";
import { archivePlans } from "@/lib/testing/query-plan";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { STATUS } from "@/lib/domain/workflow";
import { newsroomIdsSql, reviewQueueSql, storyRowsSql } from "./articles";
import { openRequiredSql } from "./comments";
import { engine } from "./db";
import { myAssignmentsSql } from "./planning";

/**
 * The newsroom dashboard's lists and GET /api/v1/articles stay fast on a 30-year archive
 * (issue 17): each reads by an index that serves its order, stops after a page, and never
 * scans or sorts the archive. SQLite's plans are taken on the test database (its planner
 * keeps no statistics here); PostgreSQL's on a database of its own holding an archive, as in
 * listings.test.ts: 30,000 stories (a tenth drafts, one in a hundred waiting for review)
 * over 20 sections and 50 bylines, each assigned and submitted once, plus a writer ("me") with a byline or an assignment on one
 * story in a thousand and open required changes on a few, vacuumed and analysed.
 */
const ARCHIVE_SQL = [
  `CREATE FUNCTION pick(prefix text, n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN n = 1 THEN 'x' ELSE prefix || n END $$`,
  `INSERT INTO "Person" ("id", "slug", "fullName", "updatedAt") SELECT pick('p', g), 'p-' || g, 'Person ' || g, now() FROM generate_series(1, 50) g`,
  `INSERT INTO "Person" ("id", "slug", "fullName", "updatedAt") VALUES ('me', 'me', 'Me', now())`,
  `INSERT INTO "User" ("id", "email", "passwordHash", "personId", "updatedAt") VALUES ('u1', 'u1@archive.example', 'x', 'x', now()), ('u2', 'u2@archive.example', 'x', 'me', now())`,
  `INSERT INTO "Section" ("id", "name", "slug") SELECT pick('s', g), 'Section ' || g, CASE WHEN g = 1 THEN 'news' ELSE 's-' || g END FROM generate_series(1, 20) g`,
  `INSERT INTO "Article" ("id", "slug", "headline", "bodyJson", "bodyHtml", "status", "sectionId", "createdById", "publishedAt", "updatedAt")
     SELECT 'a' || g, 'a-' || g, 'Story ' || g, '{}', repeat('<p>Words.</p>', 40),
       (CASE WHEN g % 10 = 0 THEN 'DRAFT' WHEN g % 100 = 5 THEN 'SUBMITTED' ELSE 'PUBLISHED' END)::"ArticleStatus", pick('s', g % 20 + 1), 'u1',
       CASE WHEN g % 10 <> 0 AND g % 100 <> 5 THEN timestamp '1996-09-01' + g * interval '8 hours' END, timestamp '1996-09-01' + g * interval '8 hours' + interval '1 day'
     FROM generate_series(1, 30000) g`,
  `INSERT INTO "ArticleAuthor" ("articleId", "personId") SELECT 'a' || g, pick('p', g % 50 + 1) FROM generate_series(1, 30000) g`,
  `INSERT INTO "ArticleAuthor" ("articleId", "personId", "position") SELECT 'a' || g, 'me', 1 FROM generate_series(1, 30000) g WHERE g % 1000 = 7`,
  // Every story was assigned and submitted once (the archive's own workflow history).
  `INSERT INTO "ArticleAssignee" ("articleId", "userId") SELECT 'a' || g, 'u1' FROM generate_series(1, 30000) g`,
  `INSERT INTO "ArticleAssignee" ("articleId", "userId") SELECT 'a' || g, 'u2' FROM generate_series(1, 30000) g WHERE g % 1000 IN (10, 20)`,
  `INSERT INTO "Transition" ("id", "articleId", "action", "fromStatus", "toStatus", "createdAt") SELECT 't' || g, 'a' || g, 'submit', 'DRAFT', 'SUBMITTED', timestamp '1996-09-01' + g * interval '8 hours' FROM generate_series(1, 30000) g`,
  `INSERT INTO "Comment" ("id", "articleId", "authorId", "kind", "body") SELECT 'c' || g, 'a' || g, 'u1', 'REQUIRED', 'Fix this.' FROM generate_series(1, 30000) g WHERE g % 1000 IN (7, 10)`,
  `VACUUM (ANALYZE) "Person", "User", "Section", "Article", "ArticleAuthor", "ArticleAssignee", "Transition", "Comment"`,
];

/** The query plan as text: SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN on the archive. */
const plan = archivePlans(ARCHIVE_SQL, { timeout: 120_000 });

const pgEngine = engine === "postgres";
/** A sort of the rows read (SQLite's temp b-tree; PostgreSQL's Sort node). */
const sort = pgEngine ? /Sort/ : /TEMP B-TREE/;
/** Reading the whole story table rather than searching it. */
const fullScan = pgEngine ? /Seq Scan on "Article"/ : /SCAN a\b(?! USING (COVERING )?INDEX)/;
/** `index` read in its order (either direction), from the table or covering. */
const inOrder = (index: string) => (pgEngine ? new RegExp(`Index (Only )?Scan (Backward )?using "?${index}"?`) : new RegExp(`(SCAN|SEARCH) a USING (COVERING )?INDEX ${index}\\b`));
const byPrimaryKey = pgEngine ? /(Index|Index Only|Bitmap Index) Scan (using|on) "Article_pkey"/ : /SEARCH a USING (COVERING )?INDEX sqlite_autoindex_Article_1 \(id=\?\)/;

const actor = (role: Actor["role"]): Actor => ({ userId: "u2", personId: "me", role, reviewPolicy: "ADVISER_APPROVES" });
const after = { updatedAt: new Date(Date.UTC(2005, 0, 1)), id: "a10000" };

describe("the newsroom's lists: query plans on an archive", () => {
  it.each(["ADVISER", "EDITOR", "WRITER"] as const)("All stories as %s: the (updatedAt, id) index in order, one page, no sort", async (role) => {
    for (const page of [undefined, after]) {
      const p = await plan(newsroomIdsSql({ actor: actor(role), after: page, limit: 51 }));
      expect(p).toMatch(inOrder("Article_updatedAt_id_idx"));
      expect(p).not.toMatch(sort);
      if (pgEngine) expect(p).toMatch(/Limit/);
    }
  });

  it.each(["ADVISER", "EDITOR", "WRITER"] as const)("filtered by section, status, or both, as %s: an index for that filter in updatedAt order", async (role) => {
    const cases = [
      [{ section: "news" }, "Article_sectionId_updatedAt_id_idx"],
      [{ status: STATUS.DRAFT }, "Article_status_updatedAt_id_idx"],
      [{ section: "news", status: STATUS.PUBLISHED }, "Article_sectionId_status_updatedAt_id_idx"],
    ] as const;
    for (const [filter, index] of cases) {
      for (const page of [undefined, after]) {
        const p = await plan(newsroomIdsSql({ actor: actor(role), filter, after: page, limit: 51 }));
        expect(p, JSON.stringify(filter)).toMatch(inOrder(index));
        expect(p, JSON.stringify(filter)).not.toMatch(sort);
        expect(p).not.toMatch(fullScan);
      }
    }
  });

  it("My stories: the creator, byline and assignee indexes, then the stories by primary key (only the actor's own are sorted)", async () => {
    const p = await plan(newsroomIdsSql({ actor: actor("WRITER"), mine: true, limit: 201 }));
    expect(p).not.toMatch(fullScan);
    expect(p).toMatch(pgEngine ? /"Article_createdById_idx"/ : /SEARCH Article USING INDEX Article_createdById_idx \(createdById=\?\)/);
    expect(p).toMatch(pgEngine ? /"ArticleAuthor_personId[\w]*_idx"/ : /SEARCH ArticleAuthor USING (COVERING )?INDEX ArticleAuthor_personId\w*_idx \(personId=\?\)/);
    expect(p).toMatch(pgEngine ? /"ArticleAssignee_userId_idx"/ : /SEARCH ArticleAssignee USING (COVERING )?INDEX ArticleAssignee_userId_idx \(userId=\?\)/);
    expect(p).toMatch(byPrimaryKey);
  });

  it("a page's table rows are read by primary key, with their bylines by story", async () => {
    const { stories, bylines } = storyRowsSql(["a1", "a2", "a3"]);
    const p = await plan(stories);
    expect(p).toMatch(byPrimaryKey);
    expect(p).not.toMatch(fullScan);
    expect(await plan(bylines)).toMatch(pgEngine ? /(Index|Index Only|Bitmap Index) Scan (using|on) "ArticleAuthor_pkey"/ : /SEARCH aa USING (COVERING )?INDEX sqlite_autoindex_ArticleAuthor_1 \(articleId=\?\)/);
  });

  it.each(["ADVISER", "EDITOR"] as const)("the review queue as %s: the stories waiting, from the status index, each one's latest submission from its transitions", async (role) => {
    for (const filter of [{}, { section: "news" }]) {
      const p = await plan(reviewQueueSql({ actor: actor(role), filter }));
      expect(p).not.toMatch(fullScan);
      expect(p).toMatch(pgEngine ? /(Index (Only )?Scan (Backward )?using|Bitmap Index Scan on) "Article_(status|sectionId_status)\w*_idx"/ : /SEARCH a USING (COVERING )?INDEX Article_(status|sectionId_status)\w*_idx \((sectionId=\? AND )?status=\?\)/);
      expect(p).toMatch(pgEngine ? /"Transition_articleId_createdAt_idx"/ : /SEARCH t USING INDEX Transition_articleId_createdAt_idx \(articleId=\?\)/);
    }
  });

  it("open required changes are read from the comments, each joined to its story by primary key", async () => {
    const p = await plan(openRequiredSql(actor("WRITER")));
    expect(p).not.toMatch(fullScan);
    expect(p).toMatch(byPrimaryKey);
  });

  it.each(["EDITOR", "WRITER"] as const)("My assignments as %s: from the assignee index, the stories by primary key", async (role) => {
    const sql = myAssignmentsSql(actor(role));
    const p = await plan(sql.stories);
    expect(p).not.toMatch(fullScan);
    expect(p).toMatch(byPrimaryKey);
    expect(p).toMatch(pgEngine ? /"ArticleAssignee_(userId_idx|pkey)"/ : /ArticleAssignee USING (COVERING )?INDEX ArticleAssignee_userId_idx \(userId=\?\)/);
    expect(await plan(sql.roles(["a10", "a20"]))).not.toMatch(/Seq Scan on "ArticleAssignee"|SCAN ArticleAssignee\b/);
  });
});
