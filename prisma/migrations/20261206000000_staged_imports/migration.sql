-- Issue 15, several app instances on one database: a .docx import's staged photos move from one
-- instance's disk (data/imports) into the database, so the instance that gets the writer's
-- "Add to library" or "Skip" has the photo. Imports staged on disk before this are not carried
-- over: they lived a day at most, and the writer imports the document again.

-- An import, owned by its importer; swept by createdAt a day after it was made.
CREATE TABLE "StagedImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "articleId" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "StagedImport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StagedImport_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "StagedImport_createdAt_idx" ON "StagedImport"("createdAt");
CREATE INDEX "StagedImport_userId_idx" ON "StagedImport"("userId");
CREATE INDEX "StagedImport_articleId_idx" ON "StagedImport"("articleId");

-- One photo waiting for a decision: pending exactly while its row exists.
CREATE TABLE "StagedImage" (
    "importId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,

    PRIMARY KEY ("importId", "key"),
    CONSTRAINT "StagedImage_importId_fkey" FOREIGN KEY ("importId") REFERENCES "StagedImport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Its renditions' bytes, as MediaFile keeps a library photo's.
CREATE TABLE "StagedImageFile" (
    "importId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("importId", "key", "file"),
    CONSTRAINT "StagedImageFile_importId_key_fkey" FOREIGN KEY ("importId", "key") REFERENCES "StagedImage" ("importId", "key") ON DELETE CASCADE ON UPDATE CASCADE
);
