-- Every story page reads its corrections by story, oldest first (issue 17): an index that serves it, in order.
CREATE INDEX "Correction_articleId_createdAt_id_idx" ON "Correction"("articleId", "createdAt", "id");
