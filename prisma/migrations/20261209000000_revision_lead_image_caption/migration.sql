-- Revisions record the story's own lead-image caption and the photo it was written for (null on
-- every earlier revision: none recorded).
ALTER TABLE "Revision" ADD COLUMN "leadImageCaption" TEXT;
ALTER TABLE "Revision" ADD COLUMN "leadImageId" TEXT;
