-- Hand-written PostgreSQL extras that Prisma's schema cannot express. They mirror the SQLite
-- migrations' FTS5 table and triggers. This file is the full current set, what a fresh install
-- has; 0_init holds a frozen copy. A change here also goes, by hand, as a delta at the end of a
-- NEW migration folder (scripts/lib/pg-schema.ts); scripts/pg-schema.test.ts fails until it does.

-- Full-text search over public stories only (kept in sync by lib/data/search.ts). Weights mirror
-- the FTS5 bm25 weights: headline A, dek B, body C.
CREATE TABLE "ArticleSearch" (
    "articleId" TEXT NOT NULL PRIMARY KEY REFERENCES "Article"("id") ON DELETE CASCADE,
    "headline" TEXT NOT NULL,
    "dek" TEXT,
    "body" TEXT NOT NULL,
    "document" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce("headline", '')), 'A') ||
        setweight(to_tsvector('simple', coalesce("dek", '')), 'B') ||
        setweight(to_tsvector('simple', coalesce("body", '')), 'C')
    ) STORED
);
CREATE INDEX "ArticleSearch_document_idx" ON "ArticleSearch" USING GIN ("document");

-- listedAt stays true whatever path writes a story (as the SQLite triggers do).
CREATE FUNCTION "Article_listedAt_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "ArticleAuthor" SET "listedAt" = CASE WHEN NEW."status" = 'PUBLISHED' THEN NEW."publishedAt" END WHERE "articleId" = NEW."id";
    UPDATE "ArticleTag" SET "listedAt" = CASE WHEN NEW."status" = 'PUBLISHED' THEN NEW."publishedAt" END WHERE "articleId" = NEW."id";
    RETURN NULL;
END $$;
CREATE TRIGGER "Article_listedAt_update" AFTER UPDATE OF "status", "publishedAt" ON "Article"
    FOR EACH ROW EXECUTE FUNCTION "Article_listedAt_update"();

CREATE FUNCTION "ArticleLink_listedAt_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."listedAt" := (SELECT CASE WHEN a."status" = 'PUBLISHED' THEN a."publishedAt" END FROM "Article" a WHERE a."id" = NEW."articleId");
    RETURN NEW;
END $$;
CREATE TRIGGER "ArticleAuthor_listedAt_insert" BEFORE INSERT ON "ArticleAuthor"
    FOR EACH ROW EXECUTE FUNCTION "ArticleLink_listedAt_insert"();
CREATE TRIGGER "ArticleTag_listedAt_insert" BEFORE INSERT ON "ArticleTag"
    FOR EACH ROW EXECUTE FUNCTION "ArticleLink_listedAt_insert"();

-- rate-limiter-flexible's PostgreSQL store (lib/auth/limiter-store.ts): every instance counts
-- sign-in failures, codes and reset requests in these rows. Its own layout (key, points, expire
-- in ms), with TEXT keys: an email and an address together can pass 255 characters.
CREATE TABLE "RateLimit" (
    "key" TEXT PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);
