-- Comment anchors move out of the story body onto the comment (issue 11, item 3).
ALTER TABLE "Comment" ADD COLUMN "anchorExact" TEXT;
ALTER TABLE "Comment" ADD COLUMN "anchorPrefix" TEXT;
ALTER TABLE "Comment" ADD COLUMN "anchorSuffix" TEXT;
ALTER TABLE "Comment" ADD COLUMN "anchorStart" INTEGER;
ALTER TABLE "Comment" ADD COLUMN "anchorEnd" INTEGER;
