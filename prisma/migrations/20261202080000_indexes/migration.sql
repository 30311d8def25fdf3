-- Issue 17, a 30-year archive: every listing order has an index that serves it.

-- Front page, section pages, feeds: newest first, ties broken by id (both descending, so an
-- index scanned backwards serves the whole ORDER BY and no listing sorts the archive).
CREATE INDEX "Article_status_publishedAt_id_idx" ON "Article"("status", "publishedAt", "id");
CREATE INDEX "Article_sectionId_status_publishedAt_id_idx" ON "Article"("sectionId", "status", "publishedAt", "id");
-- The sitemap: covering, so 50,000 addresses never read a story's body.
CREATE INDEX "Article_status_noindex_publishedAt_id_slug_updatedAt_idx" ON "Article"("status", "noindex", "publishedAt", "id", "slug", "updatedAt");
CREATE INDEX "Article_pinRank_idx" ON "Article"("pinRank");
-- The newsroom's lists and the API: most recently updated first, paginated by (updatedAt, id).
CREATE INDEX "Article_updatedAt_id_idx" ON "Article"("updatedAt", "id");
CREATE INDEX "Article_status_updatedAt_id_idx" ON "Article"("status", "updatedAt", "id");
CREATE INDEX "Article_createdById_idx" ON "Article"("createdById");

-- Author and tag pages: the story's publication date copied onto the byline and tag rows
-- while the story is published (null otherwise), so (personId | tagId, listedAt) serves the
-- page without joining and sorting every story of a prolific byline or a common tag.
ALTER TABLE "ArticleAuthor" ADD COLUMN "listedAt" DATETIME;
ALTER TABLE "ArticleTag" ADD COLUMN "listedAt" DATETIME;
CREATE INDEX "ArticleAuthor_personId_listedAt_articleId_idx" ON "ArticleAuthor"("personId", "listedAt", "articleId");
CREATE INDEX "ArticleTag_tagId_listedAt_articleId_idx" ON "ArticleTag"("tagId", "listedAt", "articleId");

UPDATE "ArticleAuthor" SET "listedAt" = (SELECT CASE WHEN a."status" = 'PUBLISHED' THEN a."publishedAt" END FROM "Article" a WHERE a."id" = "ArticleAuthor"."articleId");
UPDATE "ArticleTag" SET "listedAt" = (SELECT CASE WHEN a."status" = 'PUBLISHED' THEN a."publishedAt" END FROM "Article" a WHERE a."id" = "ArticleTag"."articleId");

-- Triggers keep listedAt true whatever path writes a story (publish, unpublish, takedown,
-- restore, a changed byline or tag), so no use case can forget it.
CREATE TRIGGER "Article_listedAt_update" AFTER UPDATE OF "status", "publishedAt" ON "Article"
BEGIN
    UPDATE "ArticleAuthor" SET "listedAt" = CASE WHEN NEW."status" = 'PUBLISHED' THEN NEW."publishedAt" END WHERE "articleId" = NEW."id";
    UPDATE "ArticleTag" SET "listedAt" = CASE WHEN NEW."status" = 'PUBLISHED' THEN NEW."publishedAt" END WHERE "articleId" = NEW."id";
END;

CREATE TRIGGER "ArticleAuthor_listedAt_insert" AFTER INSERT ON "ArticleAuthor"
BEGIN
    UPDATE "ArticleAuthor" SET "listedAt" = (SELECT CASE WHEN a."status" = 'PUBLISHED' THEN a."publishedAt" END FROM "Article" a WHERE a."id" = NEW."articleId")
    WHERE "articleId" = NEW."articleId" AND "personId" = NEW."personId";
END;

CREATE TRIGGER "ArticleTag_listedAt_insert" AFTER INSERT ON "ArticleTag"
BEGIN
    UPDATE "ArticleTag" SET "listedAt" = (SELECT CASE WHEN a."status" = 'PUBLISHED' THEN a."publishedAt" END FROM "Article" a WHERE a."id" = NEW."articleId")
    WHERE "articleId" = NEW."articleId" AND "tagId" = NEW."tagId";
END;
