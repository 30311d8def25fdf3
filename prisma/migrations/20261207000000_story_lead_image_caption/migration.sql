-- A story's own caption for its lead image, live and in the working copy (null: the library's caption).
ALTER TABLE "Article" ADD COLUMN "leadImageCaption" TEXT;
ALTER TABLE "Article" ADD COLUMN "draftLeadImageCaption" TEXT;
