import type { Notice } from "../effects";
import type { Tx } from "../transaction";

/** The names of everyone a move notifies (never the person who made it), for the line that person reads next. */
export async function notifiedNames(tx: Tx, notify: readonly Notice[]): Promise<string[]> {
  const told = [...new Set(notify.flatMap((n) => n.userIds.filter((u) => u !== n.exceptUserId)))];
  if (told.length === 0) return [];
  const rows = await tx.user.findMany({ where: { id: { in: told } }, select: { person: { select: { fullName: true } } } });
  return rows.map((r) => r.person.fullName).sort((a, b) => a.localeCompare(b));
}
