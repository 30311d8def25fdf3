import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { prepareArticle } from "@/lib/data/articles";
import { db } from "@/lib/data/db";
import { findPitchForActor, findSectionId } from "@/lib/data/planning";
import { getPublication } from "@/lib/data/publication";
import { canAssignFromPitch, decidePitchStatus, PITCH_STATUSES } from "@/lib/domain/pitch";
import { formatDateTime, fromLocalInput } from "@/lib/domain/time";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZAssignmentCreate } from "@/lib/validation/planning";
import type { Notice } from "../effects";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** The pitch states an assignment can be made from (the compare-and-swap below). */
const ASSIGNABLE = PITCH_STATUSES.filter(canAssignFromPitch);

/**
 * Make an assignment: a DRAFT owned by the first writer with the writers as bylines, every
 * writer and photographer as an assignee, the deadline (wall-clock time in the publication's
 * zone) and target length. From a pitch, the pitch becomes ASSIGNED in the same transaction.
 * 404 for a pitch the actor cannot see, 403 for someone who may not assign, 409 for a pitch
 * already assigned or rejected, 422 (per field) for unknown staff, issue or section and a
 * deadline not in the future. The assignees (and the pitcher) are told; the assignment is audited.
 */
export async function createAssignment({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZAssignmentCreate>>) {
  const input = parseInput(ZAssignmentCreate, raw);
  // Reads and the draft's preparation (rendering) come before the transaction opens. The reads
  // here use a caller's `tx` when given, but prepareArticle reads through `db`: until it takes a
  // `tx`, this use case cannot join a transaction that is already open.
  const read = tx ?? db;
  const pitch = input.pitchId ? await findPitchForActor({ actor, id: input.pitchId, tx }) : null;
  if (!can(actor, "assign")) throw new AppError("FORBIDDEN", "Only editors and advisers make assignments.");
  const assigned = pitch ? decidePitchStatus({ status: pitch.status, decision: "assign" }) : null;
  if (assigned && !assigned.ok) throw new AppError("INVALID_TRANSITION", assigned.message);
  const { timeZone } = await getPublication(tx);
  const fields: Record<string, string> = {};
  const headline = input.headline ?? pitch?.title;
  if (!headline) fields.headline = "Write a headline.";
  const deadline = fromLocalInput(input.deadline, timeZone);
  if (!deadline) fields.deadline = "Enter a valid date and time.";
  else if (deadline.getTime() <= now.getTime()) fields.deadline = "Choose a deadline in the future.";
  const writerIds = [...new Set(input.writerIds)];
  const photographerIds = [...new Set(input.photographerIds)];
  const staff = await read.user.findMany({ where: { id: { in: [...writerIds, ...photographerIds] }, active: true }, select: { id: true, personId: true } });
  const personOf = new Map(staff.map((u) => [u.id, u.personId]));
  if (writerIds.some((id) => !personOf.has(id))) fields.writerIds = "Choose writers from the list of active staff.";
  if (photographerIds.some((id) => !personOf.has(id))) fields.photographerIds = "Choose photographers from the list of active staff.";
  if (input.issueId && !(await read.issue.findUnique({ where: { id: input.issueId }, select: { id: true } }))) fields.issueId = "Choose an issue from the list.";
  const section = input.section === undefined || input.section === null || input.section === "" ? (pitch?.section?.id ?? null) : input.section;
  if (section && !(await findSectionId(read, section))) fields.section = "Choose a section from the list.";
  if (Object.keys(fields).length > 0 || !headline || !deadline) {
    throw new AppError("VALIDATION", Object.values(fields)[0] ?? "Check the highlighted fields.", { fields });
  }

  const draft = await prepareArticle({
    actor,
    input: { headline, dek: "", body: "", section },
    extras: {
      deadline,
      targetWords: input.targetWords ?? null,
      issueId: input.issueId ?? null,
      authorPersonIds: writerIds.map((id) => personOf.get(id)!),
      ownerId: writerIds[0],
      assignedById: actor.userId,
      assignees: [...writerIds.map((userId) => ({ userId, role: "WRITER" as const })), ...photographerIds.map((userId) => ({ userId, role: "PHOTOGRAPHER" as const }))],
    },
  });
  return inTransaction(tx, async (tx) => {
    const article = await draft.insert(tx);
    if (pitch && assigned?.ok) {
      const swapped = await tx.pitch.updateMany({
        where: { id: pitch.id, status: { in: ASSIGNABLE }, articleId: null },
        data: { status: assigned.to, articleId: article.id, decidedById: actor.userId },
      });
      if (swapped.count === 0) throw new AppError("CONFLICT", "Someone assigned or rejected this pitch while you were looking at it. Reload and try again.");
    }
    const assignees = [...writerIds, ...photographerIds];
    const notify: Notice[] = [
      { userIds: assignees, kind: "assigned", title: `You were assigned: ${headline} (due ${formatDateTime(deadline, timeZone)})`, link: `/newsroom/articles/${article.id}`, exceptUserId: actor.userId },
    ];
    if (pitch && !assignees.includes(pitch.pitchedById)) {
      notify.push({ userIds: [pitch.pitchedById], kind: "decision", title: `Pitch assigned: ${pitch.title}`, link: "/newsroom/pitches", exceptUserId: actor.userId });
    }
    return outcome(
      { id: article.id, headline: article.headline, slug: article.slug },
      {
        notify,
        audit: [
          {
            kind: "article.assign",
            actorId: actor.userId,
            subject: article.id,
            details: { headline, pitchId: pitch?.id ?? null, writerIds, photographerIds, deadline, targetWords: input.targetWords ?? null, issueId: input.issueId ?? null },
            at: now,
          },
        ],
      },
    );
  });
}
