import "server-only";
import { endSession } from "@/lib/data/sessions";
import { AppError } from "@/lib/errors";
import { inTransaction, outcome, type Tx } from "../transaction";

export type TEndSession = { sessionId: string; via: "sign_out" | "button" };

/**
 * End one session of the account on the server: its JWT, and every copy of it, is refused from
 * the next request on (lib/auth/options.ts checks the row). Takes the account id rather than an
 * actor, since signing out is allowed to a session that still owes its second factor. Ownership
 * is in the where clause: another account's session id is "not found".
 */
export async function endOwnSession({ userId, input, tx, now = new Date() }: { userId: string; input: TEndSession; tx?: Tx; now?: Date }) {
  return inTransaction(tx, async (tx) => {
    const ended = await endSession(tx, { sessionId: input.sessionId, userId, now });
    if (!ended) {
      if (input.via === "sign_out") return outcome(null);
      throw new AppError("NOT_FOUND", "That session has already ended.");
    }
    return outcome(
      { sessionId: input.sessionId },
      { audit: [{ kind: "account.session_end", actorId: userId, subject: userId, details: { via: input.via, sessionId: input.sessionId }, at: now }] },
    );
  });
}
