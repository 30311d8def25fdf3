/**
 * Pure sign-in rules: who single sign-on lets in, whether a provider vouches for a second
 * factor, and who must have one. No Prisma, no Next. Rules that always hold:
 * - single sign-on never creates an account: it matches an existing, active account by an email
 *   the provider has verified, inside the allowed domains when there are any;
 * - the account's role is Masthead's: nothing the provider claims is read but email and amr/acr.
 */

export type SsoIdentity = { email: string | null; emailVerified: boolean };
export type SsoAccount = { active: boolean } | null;
export type SsoRefusal = "no_email" | "email_unverified" | "domain_not_allowed" | "unknown_account" | "inactive";
export type SsoDecision = { ok: true } | { ok: false; reason: SsoRefusal };

/** "nlcsjeju.kr, @school.org" → ["nlcsjeju.kr", "school.org"]: lower case, no "@", no blanks, no repeats. */
export function parseDomains(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[\s,;]+/)) {
    const domain = part.trim().toLowerCase().replace(/^@/, "");
    if (domain && !out.includes(domain)) out.push(domain);
  }
  return out;
}

/** A well-formed domain name ("school.org"), for the Settings field. */
export function isDomainName(domain: string): boolean {
  return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain);
}

/** The domain after the last "@", exactly: "a@sub.school.org" is not in "school.org". */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/** An empty list allows every domain. */
export function domainAllowed(email: string, allowed: readonly string[]): boolean {
  return allowed.length === 0 || allowed.includes(emailDomain(email));
}

/**
 * Whether a provider's sign-in may open this account. The domain is checked before the
 * account, so an address outside the school is refused the same way whether or not it exists.
 */
export function decideSsoSignIn({ identity, account, allowedDomains }: { identity: SsoIdentity; account: SsoAccount; allowedDomains: readonly string[] }): SsoDecision {
  if (!identity.email) return { ok: false, reason: "no_email" };
  if (!identity.emailVerified) return { ok: false, reason: "email_unverified" };
  if (!domainAllowed(identity.email, allowedDomains)) return { ok: false, reason: "domain_not_allowed" };
  if (!account) return { ok: false, reason: "unknown_account" };
  if (!account.active) return { ok: false, reason: "inactive" };
  return { ok: true };
}

type Claims = Record<string, unknown>;

/** Microsoft tenants that stand for "any organisation" or "any personal account", not one school. */
const SHARED_TENANTS = new Set(["common", "organizations", "consumers"]);

/**
 * The email a provider vouches for. Google and generic OpenID Connect providers say so with
 * `email_verified`. Microsoft Entra ID sends no such claim: an email is trusted only from the
 * one tenant configured (`tid` matches a specific MASTHEAD_MICROSOFT_TENANT_ID), whose directory
 * the school runs; a shared tenant ("common") would let anyone name any address.
 */
export function ssoIdentity(providerId: string, claims: Claims, options: { microsoftTenantId?: string } = {}): SsoIdentity {
  const text = (v: unknown) => (typeof v === "string" && v.includes("@") ? v.trim().toLowerCase() : null);
  if (providerId === "azure-ad") {
    const email = text(claims.email) ?? text(claims.preferred_username);
    const tenant = options.microsoftTenantId?.toLowerCase();
    const verified = !!tenant && !SHARED_TENANTS.has(tenant) && typeof claims.tid === "string" && claims.tid.toLowerCase() === tenant;
    return { email, emailVerified: verified };
  }
  return { email: text(claims.email), emailVerified: claims.email_verified === true || claims.email_verified === "true" };
}

/** RFC 8176 methods that are, or include, more than one factor. */
const MULTI_FACTOR_AMR = new Set(["mfa", "mca", "otp", "hwk", "sc"]);

/**
 * The provider says its sign-in used a second factor: `amr` names a multi-factor method, or
 * `acr` is a multi-factor class (the PAPE policy URI, or a value naming "mfa").
 */
export function providerDidMultiFactor(claims: Claims): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.some((m) => typeof m === "string" && MULTI_FACTOR_AMR.has(m.toLowerCase()))) return true;
  const acr = typeof claims.acr === "string" ? claims.acr.toLowerCase() : "";
  return acr.endsWith("/multi-factor") || /(^|[:/_-])mfa$/.test(acr);
}

export type TwoFactorPolicy = { required: boolean; editors: boolean };

/** Whom the publication's setting obliges to use a second factor: advisers and admins, editors if chosen. */
export function secondFactorRequired(role: "WRITER" | "EDITOR" | "ADVISER" | "ADMIN", policy: TwoFactorPolicy): boolean {
  if (!policy.required) return false;
  return role === "ADVISER" || role === "ADMIN" || (role === "EDITOR" && policy.editors);
}
