import "server-only";
import { envAllowedDomains } from "@/lib/auth/sso";
import { parseDomains, type TwoFactorPolicy } from "@/lib/domain/sign-in";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

export type SignInSettings = {
  /** The list Settings holds ("" = none set there). */
  ssoAllowedDomains: string;
  /** What single sign-on enforces: Settings' list when set, else MASTHEAD_SSO_ALLOWED_DOMAINS; [] = any domain. */
  effectiveDomains: string[];
  twoFactor: TwoFactorPolicy;
};

export async function getSignInSettings(tx?: Prisma.TransactionClient): Promise<SignInSettings> {
  const row = await (tx ?? db).publication.findUnique({ where: { id: 1 }, select: { ssoAllowedDomains: true, twoFactorRequired: true, twoFactorEditors: true } });
  const own = parseDomains(row?.ssoAllowedDomains ?? "");
  return {
    ssoAllowedDomains: row?.ssoAllowedDomains ?? "",
    effectiveDomains: own.length > 0 ? own : envAllowedDomains(),
    twoFactor: { required: row?.twoFactorRequired ?? false, editors: row?.twoFactorEditors ?? false },
  };
}
