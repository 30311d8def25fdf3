import "server-only";
import { endAllSessions } from "@/lib/data/sessions";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

export type TSignOutEverywhere = { via?: "button" | "sign_out" };

/**
 * End every session of the actor's account, on every device, this one included: sessions
 * signed in before `now` are refused from the next request on (`sessionsValidAfter`, checked by
 * findActiveUser) and every AuthSession row ends, so a copied session cookie dies with them.
 * Signing out ends only its own session (end-session.ts). API tokens are not sessions and keep working.
 */
export async function signOutEverywhere({ actor, input = {}, tx, now = new Date() }: Omit<UseCaseArgs<TSignOutEverywhere>, "input"> & { input?: TSignOutEverywhere }) {
  return inTransaction(tx, async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { sessionsValidAfter: now } });
    await endAllSessions(tx, { userId: actor.userId, now });
    return outcome(
      { userId: actor.userId },
      { actorSignedOut: true, audit: [{ kind: "account.sign_out_everywhere", actorId: actor.userId, subject: actor.userId, details: { via: input.via ?? "button" }, at: now }] },
    );
  });
}
