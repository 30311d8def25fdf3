-- Issue 11: a tag no story carries (live, draft or working copy) is deleted when its last story
-- lets go of it (lib/data/articles.ts pruneTags). Tags left behind before that rule, typed into a
-- working copy and discarded or removed, go now. Masthead has no tag admin: no tag is kept on purpose.
DELETE FROM "Tag"
WHERE NOT EXISTS (SELECT 1 FROM "ArticleTag" t WHERE t."tagId" = "Tag"."id")
  AND NOT EXISTS (SELECT 1 FROM "ArticleDraftTag" d WHERE d."tagId" = "Tag"."id");
