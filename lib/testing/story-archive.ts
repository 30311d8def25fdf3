import { STATUS } from "@/lib/domain/workflow";

/**
 * An archive for plan tests of statements that read whole stories by key (the API list's page,
 * the story a save or transition reads): 30,000 stories, each with a byline and a tag, a tenth
 * with a working copy's byline and tag, 1,000 photos, and assignees, vacuumed and analysed as
 * autovacuum keeps a live database. On the shared test database's few rows PostgreSQL may fairly
 * read a small table through any index (a full scan of another index, filtered), so whether a
 * statement reads by key is only told on a database this size (archivePlans). SQLite keeps no
 * statistics here; its plans come from the shared test database.
 */
export const STORY_ARCHIVE_SQL = [
  `INSERT INTO "Person" ("id", "slug", "fullName", "updatedAt") SELECT 'p' || g, 'p-' || g, 'Person ' || g, now() FROM generate_series(1, 400) g`,
  `INSERT INTO "User" ("id", "email", "passwordHash", "personId", "updatedAt") SELECT 'u' || g, 'u' || g || '@archive.example', 'x', 'p' || g, now() FROM generate_series(1, 400) g`,
  `INSERT INTO "Section" ("id", "name", "slug") SELECT 's' || g, 'Section ' || g, 's-' || g FROM generate_series(1, 20) g`,
  `INSERT INTO "Tag" ("id", "name", "slug") SELECT 't' || g, 'Tag ' || g, 't-' || g FROM generate_series(1, 100) g`,
  `INSERT INTO "Media" ("id", "storageKey", "originalName", "mimeType", "width", "height", "bytes") SELECT 'm' || g, 'k' || g, 'photo-' || g || '.jpg', 'image/jpeg', 1600, 1067, 100000 FROM generate_series(1, 1000) g`,
  `INSERT INTO "Article" ("id", "slug", "headline", "bodyJson", "bodyHtml", "status", "sectionId", "leadImageId", "draftSectionId", "draftLeadImageId", "createdById", "publishedAt", "updatedAt")
     SELECT 'a' || g, 'a-' || g, 'Story ' || g, '{}', repeat('<p>Words.</p>', 40),
       (CASE WHEN g % 10 = 0 THEN '${STATUS.DRAFT}' ELSE '${STATUS.PUBLISHED}' END)::"ArticleStatus", 's' || (g % 20 + 1), CASE WHEN g % 2 = 0 THEN 'm' || (g % 1000 + 1) END,
       CASE WHEN g % 10 = 3 THEN 's' || (g % 19 + 1) END, CASE WHEN g % 10 = 3 THEN 'm' || (g % 999 + 1) END,
       'u' || (g % 400 + 1), CASE WHEN g % 10 <> 0 THEN timestamp '1996-09-01' + g * interval '8 hours' END, now()
     FROM generate_series(1, 30000) g`,
  `INSERT INTO "ArticleAuthor" ("articleId", "personId") SELECT 'a' || g, 'p' || (g % 400 + 1) FROM generate_series(1, 30000) g`,
  `INSERT INTO "ArticleDraftAuthor" ("articleId", "personId") SELECT 'a' || g, 'p' || (g % 399 + 1) FROM generate_series(1, 30000) g WHERE g % 10 = 3`,
  `INSERT INTO "ArticleTag" ("articleId", "tagId") SELECT 'a' || g, 't' || (g % 100 + 1) FROM generate_series(1, 30000) g`,
  `INSERT INTO "ArticleDraftTag" ("articleId", "tagId") SELECT 'a' || g, 't' || (g % 99 + 1) FROM generate_series(1, 30000) g WHERE g % 10 = 3`,
  `INSERT INTO "ArticleAssignee" ("articleId", "userId") SELECT 'a' || g, 'u' || (g % 400 + 1) FROM generate_series(1, 30000) g WHERE g % 10 = 0`,
  `VACUUM (ANALYZE) "Person", "User", "Section", "Tag", "Media", "Article", "ArticleAuthor", "ArticleDraftAuthor", "ArticleTag", "ArticleDraftTag", "ArticleAssignee"`,
];
