import "server-only";
import { z } from "zod";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** One notification by id, those about one story (articleId: opening it reads them), or (both empty or absent) all of them. */
export const ZMarkRead = z.object({
  id: z.string().max(64).optional().transform((v) => v || undefined),
  articleId: z.string().max(64).optional().transform((v) => v || undefined),
});

/** Where a notification about a story points (lib/use-cases/articles/transition-article.ts). */
export function storyLink(articleId: string): string {
  return `/newsroom/articles/${articleId}`;
}

/**
 * Mark one (or, without an id, all) of your own notifications read. Only ever the actor's own:
 * ownership is in the where clause, so someone else's id changes nothing.
 */
export async function markNotificationsRead({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZMarkRead>>) {
  const { id, articleId } = parseInput(ZMarkRead, raw);
  return inTransaction(tx, async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId: actor.userId, readAt: null, ...(id ? { id } : {}), ...(articleId ? { link: storyLink(articleId) } : {}) },
      data: { readAt: now },
    });
    return outcome({ count });
  });
}
