import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { findArticleForActor } from "@/lib/data/articles";
import { leavePresence, otherEditors, touchPresence } from "@/lib/data/presence";

/**
 * "Hana Park is editing this story too": a heartbeat from an open editor, on a story the actor
 * may see (404 otherwise). A hint kept in the database with a short time-to-live (every app
 * instance sees it), never a lock and never a record, so it has no audit entry and no transaction. Returns who else has the story open.
 */
export async function touchStoryPresence({ actor, articleId, name }: { actor: Actor; articleId: string; name: string }) {
  await findArticleForActor({ id: articleId, actor });
  await touchPresence({ articleId, userId: actor.userId, name });
  return { editors: await otherEditors({ articleId, userId: actor.userId }) };
}

/** Leaving: the caller's own entry goes in any case, but a story they may not see is still a 404. */
export async function leaveStoryPresence({ actor, articleId }: { actor: Actor; articleId: string }) {
  await leavePresence({ articleId, userId: actor.userId });
  await findArticleForActor({ id: articleId, actor });
}
