import "server-only";
import { z } from "zod";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/data/notifications";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

const KINDS = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];

/** The kinds of notification that also arrive in the daily email digest (none: no email). */
export const ZDigestKinds = z.object({ kinds: z.array(z.enum(KINDS)).max(KINDS.length).default([]) });

/** Choose which kinds of notification reach you by email. Your own account only. */
export async function setDigestKinds({ actor, input: raw, tx }: UseCaseArgs<z.input<typeof ZDigestKinds>>) {
  const { kinds } = parseInput(ZDigestKinds, raw);
  return inTransaction(tx, async (tx) => {
    const unique = [...new Set(kinds)];
    await tx.user.update({ where: { id: actor.userId }, data: { digestKinds: JSON.stringify(unique) } });
    return outcome({ kinds: unique });
  });
}
