import "server-only";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { hashToken } from "@/lib/data/tokens";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZTokenCreate } from "@/lib/validation/user";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

const MAX_ACTIVE_TOKENS = 20;

/** Create a personal API token (any staff member, for themselves). The plain token is returned once and never stored. */
export async function createApiToken({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZTokenCreate>>) {
  const { name } = parseInput(ZTokenCreate, raw);
  const token = `mh_${randomBytes(32).toString("base64url")}`;
  return inTransaction(tx, async (tx) => {
    const count = await tx.apiToken.count({ where: { userId: actor.userId, revokedAt: null } });
    if (count >= MAX_ACTIVE_TOKENS) {
      const message = `You have ${MAX_ACTIVE_TOKENS} active tokens; revoke one first.`;
      throw new AppError("VALIDATION", message, { fields: { name: message } });
    }
    const created = await tx.apiToken.create({
      data: { userId: actor.userId, name, tokenHash: hashToken(token), createdAt: now },
      select: { id: true, name: true, createdAt: true },
    });
    return outcome({ ...created, token }, { audit: [{ kind: "token.create", actorId: actor.userId, subject: created.id, details: { name }, at: now }] });
  });
}
