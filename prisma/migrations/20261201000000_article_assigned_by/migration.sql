-- AlterTable
ALTER TABLE "Article" ADD COLUMN "assignedById" TEXT;

-- Existing assignments: who assigned them is in the audit log.
UPDATE "Article" SET "assignedById" = (
    SELECT "actorId" FROM "AuditLog" WHERE "action" = 'article.assign' AND "subject" = "Article"."id" ORDER BY "createdAt" LIMIT 1
) WHERE EXISTS (SELECT 1 FROM "ArticleAssignee" WHERE "ArticleAssignee"."articleId" = "Article"."id");

-- They belong to their first writer, not to the editor who assigned them.
UPDATE "Article" SET "createdById" = (
    SELECT "User"."id" FROM "ArticleAuthor" JOIN "User" ON "User"."personId" = "ArticleAuthor"."personId"
    WHERE "ArticleAuthor"."articleId" = "Article"."id" ORDER BY "ArticleAuthor"."position" LIMIT 1
) WHERE "assignedById" IS NOT NULL AND "createdById" = "assignedById" AND EXISTS (
    SELECT 1 FROM "ArticleAuthor" JOIN "User" ON "User"."personId" = "ArticleAuthor"."personId" WHERE "ArticleAuthor"."articleId" = "Article"."id"
);
