-- The newsroom's "All stories" and the API list filtered by section, newest update first (issue 17):
-- indexes that serve that order, so a filter never sorts the section's whole archive.
CREATE INDEX "Article_sectionId_updatedAt_id_idx" ON "Article"("sectionId", "updatedAt", "id");
CREATE INDEX "Article_sectionId_status_updatedAt_id_idx" ON "Article"("sectionId", "status", "updatedAt", "id");
