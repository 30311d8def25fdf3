-- Issue 15, several app instances on one database: what lived in one process's memory or on its
-- disk moves into the database.

-- Who has a story open in the editor: a hint with a short time-to-live, seen by every instance.
CREATE TABLE "EditorPresence" (
    "articleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("articleId", "userId"),
    CONSTRAINT "EditorPresence_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EditorPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "EditorPresence_seenAt_idx" ON "EditorPresence"("seenAt");

-- Photos' renditions as bytes, so every instance serves every photo and backups hold them
-- (scripts/prepare.ts copies renditions still on disk into it).
CREATE TABLE "MediaFile" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "mediaId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MediaFile_mediaId_fkey" FOREIGN KEY ("mediaId") REFERENCES "Media" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "MediaFile_mediaId_idx" ON "MediaFile"("mediaId");
