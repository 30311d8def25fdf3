import "server-only";
import { isSealedTotpSecret, sealTotpSecret } from "@/lib/auth/two-factor";
import { db } from "@/lib/data/db";
import { inTransaction, outcome } from "../transaction";

/**
 * Seals every authenticator secret still stored in the clear (rows from before secrets were
 * sealed, issue 14), so that an account that never signs in again does not keep a readable
 * secret in the database or its backups. Run by `scripts/prepare.ts` on every start; idempotent.
 * A maintenance step with no actor: it changes how a secret is stored, never what it is. Each
 * row is a compare-and-swap on its old value, so a sign-in sealing the same row at the same
 * moment is not overwritten. The secrets are sealed before the transaction opens (CPU first).
 */
export async function sealStoredSecrets({ now = new Date() }: { now?: Date } = {}) {
  const rows = await db.twoFactor.findMany({ select: { userId: true, secret: true } });
  const plain = rows.filter((r) => !isSealedTotpSecret(r.secret)).map((r) => ({ ...r, sealed: sealTotpSecret(r.secret, r.userId) }));
  if (plain.length === 0) return outcome({ sealed: 0 });
  return inTransaction<{ sealed: number }>(undefined, async (tx) => {
    const sealed: string[] = [];
    for (const row of plain) {
      const { count } = await tx.twoFactor.updateMany({ where: { userId: row.userId, secret: row.secret }, data: { secret: row.sealed } });
      if (count === 1) sealed.push(row.userId);
    }
    return outcome({ sealed: sealed.length }, { audit: sealed.map((userId) => ({ kind: "account.two_factor_secret_sealed" as const, actorId: null, subject: userId, details: {}, at: now })) });
  });
}
