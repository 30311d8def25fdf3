-- The working copy of a live story holds its section, lead image, tags and bylines too (issue 11).
ALTER TABLE "Article" ADD COLUMN "draftSectionId" TEXT REFERENCES "Section" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Article" ADD COLUMN "draftLeadImageId" TEXT REFERENCES "Media" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "ArticleDraftAuthor" (
    "articleId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("articleId", "personId"),
    CONSTRAINT "ArticleDraftAuthor_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleDraftAuthor_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ArticleDraftAuthor_personId_idx" ON "ArticleDraftAuthor"("personId");

CREATE TABLE "ArticleDraftTag" (
    "articleId" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,

    PRIMARY KEY ("articleId", "tagId"),
    CONSTRAINT "ArticleDraftTag_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleDraftTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ArticleDraftTag_tagId_idx" ON "ArticleDraftTag"("tagId");

-- A working copy made before this migration showed the live story's section, image, tags and bylines.
UPDATE "Article" SET "draftSectionId" = "sectionId", "draftLeadImageId" = "leadImageId" WHERE "draftHeadline" IS NOT NULL;
INSERT INTO "ArticleDraftTag" ("articleId", "tagId")
  SELECT t."articleId", t."tagId" FROM "ArticleTag" t JOIN "Article" a ON a."id" = t."articleId" WHERE a."draftHeadline" IS NOT NULL;
INSERT INTO "ArticleDraftAuthor" ("articleId", "personId", "position")
  SELECT b."articleId", b."personId", b."position" FROM "ArticleAuthor" b JOIN "Article" a ON a."id" = b."articleId" WHERE a."draftHeadline" IS NOT NULL;
