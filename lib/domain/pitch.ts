/**
 * The pitch workflow. PURE: no Prisma, no Next. Who may decide is lib/auth/policy.ts.
 *
 *   OPEN --accept--> ACCEPTED --assign--> ASSIGNED
 *     |                 |
 *     +----reject-------+--> REJECTED          (a rejection always carries a note)
 */
export const PITCH_STATUSES = ["OPEN", "ACCEPTED", "REJECTED", "ASSIGNED"] as const;
export type PitchStatus = (typeof PITCH_STATUSES)[number];
export const PITCH_STATUS = Object.fromEntries(PITCH_STATUSES.map((s) => [s, s])) as { readonly [S in PitchStatus]: S };

export const PITCH_STATUS_LABELS: Record<PitchStatus, string> = {
  OPEN: "Open",
  ACCEPTED: "Accepted",
  REJECTED: "Rejected",
  ASSIGNED: "Assigned",
};

export const PITCH_DECISIONS = ["accept", "reject", "assign"] as const;
export type PitchDecision = (typeof PITCH_DECISIONS)[number];

const PITCH_EDGES: Record<PitchDecision, Partial<Record<PitchStatus, PitchStatus>>> = {
  accept: { OPEN: "ACCEPTED" },
  reject: { OPEN: "REJECTED", ACCEPTED: "REJECTED" },
  // An assignment made from a pitch: an open pitch is accepted by being assigned.
  assign: { OPEN: "ASSIGNED", ACCEPTED: "ASSIGNED" },
};

export type PitchTransitionResult =
  | { ok: true; from: PitchStatus; to: PitchStatus }
  | { ok: false; code: "INVALID_TRANSITION" | "NOTE_REQUIRED"; message: string };

/** Where a decision leads. Never throws; an impossible request gets a reason. */
export function decidePitchStatus({ status, decision, note = "" }: { status: PitchStatus; decision: PitchDecision; note?: string }): PitchTransitionResult {
  if (decision === "reject" && note.trim() === "") {
    return { ok: false, code: "NOTE_REQUIRED", message: "Tell the pitcher why: a note is required to reject a pitch." };
  }
  const to = PITCH_EDGES[decision][status];
  if (to === undefined) return { ok: false, code: "INVALID_TRANSITION", message: `This pitch is already ${status.toLowerCase()}.` };
  return { ok: true, from: status, to };
}

/** The pitch still waits for a decision. */
export function isOpenPitch(status: PitchStatus): boolean {
  return status === "OPEN";
}

/** A story can still be assigned from this pitch. */
export function canAssignFromPitch(status: PitchStatus): boolean {
  return PITCH_EDGES.assign[status] !== undefined;
}
