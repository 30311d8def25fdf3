import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { findPitchForActor } from "@/lib/data/planning";
import { decidePitchStatus, PITCH_STATUS } from "@/lib/domain/pitch";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZPitchDecision } from "@/lib/validation/planning";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Accept or reject a pitch: 404 if the actor cannot see it, 403 if they may not decide pitches,
 * 409 if its state does not allow the decision, 422 for a rejection without a note. The pitcher
 * is told, and the decision is audited.
 */
export async function decidePitch({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZPitchDecision>>) {
  const input = parseInput(ZPitchDecision, raw);
  return inTransaction(tx, async (tx) => {
    const pitch = await findPitchForActor({ actor, id: input.pitchId, tx });
    if (!can(actor, "decide_pitch")) throw new AppError("FORBIDDEN", "Only editors and advisers decide pitches.");
    const note = input.note.trim();
    const result = decidePitchStatus({ status: pitch.status, decision: input.decision, note });
    if (!result.ok) {
      if (result.code === "NOTE_REQUIRED") throw new AppError("VALIDATION", result.message, { fields: { note: result.message } });
      throw new AppError("INVALID_TRANSITION", result.message);
    }
    // Decided once: a second decision racing this one finds the pitch changed.
    const swapped = await tx.pitch.updateMany({ where: { id: pitch.id, status: result.from }, data: { status: result.to, decisionNote: note, decidedById: actor.userId } });
    if (swapped.count === 0) throw new AppError("CONFLICT", "Someone decided this pitch while you were looking at it. Reload and try again.");
    return outcome(
      { id: pitch.id, status: result.to },
      {
        notify: [
          {
            userIds: [pitch.pitchedById],
            kind: "decision",
            title: `Pitch ${result.to === PITCH_STATUS.ACCEPTED ? "accepted" : "rejected"}: ${pitch.title}`,
            link: "/newsroom/pitches",
            exceptUserId: actor.userId,
          },
        ],
        audit: [{ kind: `pitch.${input.decision}`, actorId: actor.userId, subject: pitch.id, details: { title: pitch.title, note }, at: now }],
      },
    );
  });
}
