import "server-only";
// Writes live in lib/use-cases/takedowns; this module answers queries.
import { db } from "./db";

export async function listTakedownRequests({ articleId }: { articleId: string }) {
  return db.takedownRequest.findMany({
    where: { articleId },
    orderBy: { createdAt: "desc" },
    select: { id: true, requesterName: true, requesterContact: true, reason: true, decision: true, decisionReason: true, replacement: true, decidedAt: true, createdAt: true, decidedBy: { select: { person: { select: { fullName: true } } } } },
  });
}
