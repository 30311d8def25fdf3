import "server-only";
import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor } from "@/lib/data/articles";
import { findLastAnonymizeRevision, findRevision } from "@/lib/data/revisions";
import { currentLeadImage, restoredLeadImageCaption } from "@/lib/domain/working-copy";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import type { UseCaseArgs } from "../transaction";
import { updateArticle } from "./update-article";

/** The version the restore is based on, as for any save (a stale one is CONFLICT). */
export const ZRestoreRevision = z.object({
  version: z.number({ error: "Send the version your restore is based on." }).int().min(1).max(Number.MAX_SAFE_INTEGER),
});

/**
 * Bring back an old revision. The restore is itself a save (the same compare-and-swap, a
 * "restore" revision of its own); nothing is deleted from the history.
 *
 * The story's own lead-image caption comes back too when the story still has the photo the
 * revision recorded it for; otherwise (another photo, or a revision from before captions were
 * recorded, which names no photo) the story keeps the caption it has. Nothing else beside the
 * text (photo, section, tags, bylines) is in a revision.
 *
 * Nobody may restore a revision from before an anonymizing takedown (CONFLICT, with the reason):
 * the takedown rewrote the old revisions too, but a restore must never be a way to undo one.
 */
export async function restoreRevision({
  actor,
  articleId,
  revisionId,
  input: raw,
  tx,
  now = new Date(),
}: UseCaseArgs<z.input<typeof ZRestoreRevision>> & { articleId: string; revisionId: string }) {
  const { version } = parseInput(ZRestoreRevision, raw);
  const article = await findArticleForActor({ id: articleId, actor, tx });
  if (!can(actor, "restore_revision", factsOf(article))) throw new AppError("FORBIDDEN", "You may not edit this story in its current state.");
  const revision = await findRevision({ actor, articleId, revisionId, tx });
  const takedown = await findLastAnonymizeRevision({ articleId, tx });
  if (takedown && revision.id !== takedown.id && new Date(revision.createdAt) <= takedown.createdAt) {
    throw new AppError("CONFLICT", "This revision is from before a takedown removed a name from the story, so it cannot be restored. Restore the takedown's revision or a later one.");
  }
  // The caption comes back with the text while the story has the photo it was written for
  // (restoredLeadImageCaption); on a live story it goes into the working copy like the text.
  const leadImageCaption = restoredLeadImageCaption(revision, currentLeadImage(article));
  return updateArticle({ actor, id: articleId, input: { headline: revision.headline, dek: revision.dek, body: revision.body, leadImageCaption, version }, event: "restore", tx, now });
}
