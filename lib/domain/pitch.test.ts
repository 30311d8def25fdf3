import { describe, expect, it } from "vitest";
import { canAssignFromPitch, decidePitchStatus, isOpenPitch, PITCH_DECISIONS, PITCH_STATUS, PITCH_STATUSES, type PitchDecision, type PitchStatus } from "./pitch";

/** Where each decision leads from each state; absent: refused. */
const EXPECTED: Record<PitchDecision, Partial<Record<PitchStatus, PitchStatus>>> = {
  accept: { OPEN: "ACCEPTED" },
  reject: { OPEN: "REJECTED", ACCEPTED: "REJECTED" },
  assign: { OPEN: "ASSIGNED", ACCEPTED: "ASSIGNED" },
};

describe("the pitch workflow", () => {
  it("allows exactly the edges of the diagram, and names the state when it refuses", () => {
    for (const decision of PITCH_DECISIONS) {
      for (const status of PITCH_STATUSES) {
        const result = decidePitchStatus({ status, decision, note: "A reason." });
        const to = EXPECTED[decision][status];
        if (to) expect(result, `${decision} from ${status}`).toEqual({ ok: true, from: status, to });
        else expect(result, `${decision} from ${status}`).toEqual({ ok: false, code: "INVALID_TRANSITION", message: `This pitch is already ${status.toLowerCase()}.` });
      }
    }
  });

  it("refuses a rejection without a note, whatever the state", () => {
    for (const status of PITCH_STATUSES) {
      expect(decidePitchStatus({ status, decision: "reject", note: "   " })).toMatchObject({ ok: false, code: "NOTE_REQUIRED" });
    }
    expect(decidePitchStatus({ status: PITCH_STATUS.OPEN, decision: "accept" })).toMatchObject({ ok: true, to: PITCH_STATUS.ACCEPTED });
  });

  it("says which pitches wait for a decision and which can still be assigned", () => {
    expect(PITCH_STATUSES.filter(isOpenPitch)).toEqual([PITCH_STATUS.OPEN]);
    expect(PITCH_STATUSES.filter(canAssignFromPitch)).toEqual([PITCH_STATUS.OPEN, PITCH_STATUS.ACCEPTED]);
  });
});
