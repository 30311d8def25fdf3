-- Single sign-on, two-factor sign-in and per-session records (issue 14). Additive only.
ALTER TABLE "Publication" ADD COLUMN "ssoAllowedDomains" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Publication" ADD COLUMN "twoFactorRequired" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Publication" ADD COLUMN "twoFactorEditors" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "ssoOnly" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "userAgent" TEXT NOT NULL DEFAULT '',
    "pendingSecondFactor" BOOLEAN NOT NULL DEFAULT false,
    "secondFactor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "AuthSession_userId_endedAt_idx" ON "AuthSession"("userId", "endedAt");

CREATE TABLE "TwoFactor" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "secret" TEXT NOT NULL,
    "lastStep" INTEGER NOT NULL DEFAULT 0,
    "recoveryHashes" TEXT NOT NULL DEFAULT '[]',
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TwoFactor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
