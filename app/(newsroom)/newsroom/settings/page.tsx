import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SignInSettingsForm } from "@/components/newsroom/sign-in-settings-form";
import { SettingsForm } from "@/components/newsroom/staff-forms";
import { updateSignInSettingsAction } from "@/lib/actions/sign-in";
import { configuredSsoProviders, envAllowedDomains } from "@/lib/auth/sso";
import { getSignInSettings } from "@/lib/data/sign-in-settings";
import { updateSettingsAction } from "@/lib/actions/staff";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { getPublication } from "@/lib/data/publication";

export const metadata: Metadata = { title: "Settings | Masthead newsroom" };

export default async function SettingsPage() {
  const user = await requireUserPage();
  if (!can(user, "manage_settings")) notFound();
  const [publication, signIn] = await Promise.all([getPublication(), getSignInSettings()]);
  const providers = configuredSsoProviders();
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Publication settings</h1>
      <div className="mt-6">
        <SettingsForm
          action={updateSettingsAction}
          values={{ name: publication.name, tagline: publication.tagline, timeZone: publication.timeZone, reviewPolicy: publication.reviewPolicy, nameDisplayDefault: publication.nameDisplayDefault }}
          timeZones={Intl.supportedValuesOf("timeZone")}
        />
      </div>
      <section aria-labelledby="sign-in-heading" className="mt-10">
        <h2 id="sign-in-heading" className="text-xl font-bold">
          Sign-in
        </h2>
        {/* Which providers are on, from the server's environment; never a client secret. */}
        {providers.length > 0 ? (
          <ul className="mt-2 list-disc pl-5" data-testid="sso-providers">
            {providers.map((p) => (
              <li key={p.id}>
                <strong>Sign in with {p.name}</strong>: {p.detail}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-muted">No single sign-on provider is configured. The README explains how to add Google Workspace, Microsoft Entra ID or another OpenID Connect provider.</p>
        )}
        <div className="mt-4">
          <SignInSettingsForm action={updateSignInSettingsAction} values={{ ssoAllowedDomains: signIn.ssoAllowedDomains, twoFactorRequired: signIn.twoFactor.required, twoFactorEditors: signIn.twoFactor.editors }} envDomains={envAllowedDomains().join(", ")} />
        </div>
      </section>
    </div>
  );
}
