import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

type Tx = Prisma.TransactionClient;

/** Whether the account has a confirmed authenticator app. */
export async function hasSecondFactor(userId: string, client: Tx | typeof db = db): Promise<boolean> {
  const row = await client.twoFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
  return !!row?.confirmedAt;
}

/** For the staff list: each account's sign-in doors (SSO only?) and whether it has a second factor. */
export async function listSignInFacts(): Promise<Map<string, { ssoOnly: boolean; secondFactor: boolean }>> {
  const rows = await db.user.findMany({ select: { id: true, ssoOnly: true, twoFactor: { select: { confirmedAt: true } } } });
  return new Map(rows.map((r) => [r.id, { ssoOnly: r.ssoOnly, secondFactor: !!r.twoFactor?.confirmedAt }]));
}
