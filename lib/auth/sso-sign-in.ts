import "server-only";
import { decideSsoSignIn, ssoIdentity } from "@/lib/domain/sign-in";
import { getSignInSettings } from "@/lib/data/sign-in-settings";
import { findSsoAccount } from "@/lib/data/users";
import { recordSsoRefusal } from "@/lib/use-cases/auth/record-sso-refusal";
import { microsoftTenantId } from "./sso";

/** Where a refused single sign-on lands: "Ask your adviser to add you to the staff list". */
export const SSO_REFUSED_PATH = "/login/not-on-staff";

/**
 * The Masthead account a provider's sign-in opens, or null (refusals are audited). Called by
 * next-auth's signIn callback, and again by the jwt callback, which takes the account id from
 * here and never from the provider.
 */
export async function matchSsoSignIn({ provider, claims, audit }: { provider: string; claims: Record<string, unknown>; audit: boolean }) {
  const identity = ssoIdentity(provider, claims, { microsoftTenantId: microsoftTenantId() });
  const [account, settings] = await Promise.all([identity.email ? findSsoAccount(identity.email) : null, getSignInSettings()]);
  const decision = decideSsoSignIn({ identity, account, allowedDomains: settings.effectiveDomains });
  if (decision.ok && account) return { id: account.id, email: account.email, name: account.person.fullName };
  if (audit && !decision.ok) await recordSsoRefusal({ email: identity.email, provider, reason: decision.reason, userId: account?.id ?? null });
  return null;
}
