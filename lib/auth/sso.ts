import "server-only";
import type { Provider } from "next-auth/providers/index";
import AzureADProvider from "next-auth/providers/azure-ad";
import GoogleProvider from "next-auth/providers/google";
import { parseDomains } from "@/lib/domain/sign-in";

/**
 * Single sign-on providers, configured by environment variables only (secrets never reach the
 * database, a page or the audit log). A provider is on when its client id and secret are set:
 * - `oidc`: MASTHEAD_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _NAME (the button's label);
 * - `google`: MASTHEAD_GOOGLE_CLIENT_ID, _CLIENT_SECRET;
 * - `azure-ad` (Microsoft Entra ID): MASTHEAD_MICROSOFT_CLIENT_ID, _CLIENT_SECRET, _TENANT_ID.
 * Every one asks for `openid email profile` and reads the ID token's claims.
 */
export type SsoProviderInfo = { id: "oidc" | "google" | "azure-ad"; name: string; detail: string };

const env = (name: string) => process.env[name]?.trim() || undefined;

/** What the sign-in page and Settings show: ids, labels and the public part of each configuration. */
export function configuredSsoProviders(): SsoProviderInfo[] {
  const out: SsoProviderInfo[] = [];
  if (env("MASTHEAD_GOOGLE_CLIENT_ID") && env("MASTHEAD_GOOGLE_CLIENT_SECRET")) out.push({ id: "google", name: "Google", detail: "Google Workspace" });
  const tenant = env("MASTHEAD_MICROSOFT_TENANT_ID");
  if (env("MASTHEAD_MICROSOFT_CLIENT_ID") && env("MASTHEAD_MICROSOFT_CLIENT_SECRET")) {
    out.push({ id: "azure-ad", name: "Microsoft", detail: tenant ? `Microsoft Entra ID, tenant ${tenant}` : "Microsoft Entra ID, no tenant set: emails are not trusted" });
  }
  const issuer = env("MASTHEAD_OIDC_ISSUER");
  if (issuer && env("MASTHEAD_OIDC_CLIENT_ID") && env("MASTHEAD_OIDC_CLIENT_SECRET")) {
    out.push({ id: "oidc", name: env("MASTHEAD_OIDC_NAME") ?? "your school account", detail: `OpenID Connect, issuer ${issuer}` });
  }
  return out;
}

export function microsoftTenantId(): string | undefined {
  return env("MASTHEAD_MICROSOFT_TENANT_ID");
}

/** MASTHEAD_SSO_ALLOWED_DOMAINS, parsed; Settings' list replaces it when set. */
export function envAllowedDomains(): string[] {
  return parseDomains(env("MASTHEAD_SSO_ALLOWED_DOMAINS") ?? "");
}

const SCOPE = "openid email profile";
type Claims = { sub: string; email?: string; name?: string; preferred_username?: string };
// Only the id and a display name: the account, its name and its role come from Masthead.
const profile = (p: Claims) => ({ id: p.sub, email: p.email ?? p.preferred_username ?? null, name: p.name ?? null, image: null });

/** next-auth provider objects for the configured providers. */
export function ssoProviders(): Provider[] {
  const providers: Provider[] = [];
  for (const info of configuredSsoProviders()) {
    if (info.id === "google") {
      providers.push(
        GoogleProvider({ clientId: env("MASTHEAD_GOOGLE_CLIENT_ID")!, clientSecret: env("MASTHEAD_GOOGLE_CLIENT_SECRET")!, authorization: { params: { scope: SCOPE } }, profile }),
      );
    } else if (info.id === "azure-ad") {
      providers.push(
        AzureADProvider({
          clientId: env("MASTHEAD_MICROSOFT_CLIENT_ID")!,
          clientSecret: env("MASTHEAD_MICROSOFT_CLIENT_SECRET")!,
          tenantId: microsoftTenantId(),
          authorization: { params: { scope: SCOPE } },
          // next-auth's own profile() fetches a photo from Microsoft Graph into the cookie.
          profile,
        }),
      );
    } else {
      const issuer = env("MASTHEAD_OIDC_ISSUER")!.replace(/\/+$/, "");
      providers.push({
        id: "oidc",
        name: info.name,
        type: "oauth",
        wellKnown: `${issuer}/.well-known/openid-configuration`,
        clientId: env("MASTHEAD_OIDC_CLIENT_ID")!,
        clientSecret: env("MASTHEAD_OIDC_CLIENT_SECRET")!,
        authorization: { params: { scope: SCOPE } },
        idToken: true,
        checks: ["pkce", "state"],
        profile,
      });
    }
  }
  return providers;
}
