-- Issue 11: the working copy of a live story, beside the live text readers see.
ALTER TABLE "Article" ADD COLUMN "draftHeadline" TEXT;
ALTER TABLE "Article" ADD COLUMN "draftDek" TEXT;
ALTER TABLE "Article" ADD COLUMN "draftBodyJson" TEXT;
ALTER TABLE "Article" ADD COLUMN "draftBodyHtml" TEXT;
ALTER TABLE "Article" ADD COLUMN "draftBodyText" TEXT;
ALTER TABLE "Article" ADD COLUMN "draftWordCount" INTEGER;
ALTER TABLE "Article" ADD COLUMN "draftUpdatedAt" DATETIME;
ALTER TABLE "Article" ADD COLUMN "draftRequestedById" TEXT;
ALTER TABLE "Article" ADD COLUMN "draftRequestedAt" DATETIME;
ALTER TABLE "Article" ADD COLUMN "liveUpdatedAt" DATETIME;
