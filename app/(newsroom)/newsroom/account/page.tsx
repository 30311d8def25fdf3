import type { Metadata } from "next";
import { CreateTokenForm, InlineActionForm, PasswordForm, ProfileForm } from "@/components/newsroom/account-forms";
import { changePasswordAction, createTokenAction, revokeTokenAction, signOutEverywhereAction, updateProfileAction } from "@/lib/actions/account";
import { ROLE_LABELS } from "@/lib/auth/policy";
import Link from "next/link";
import { EndSessionForm, RegenerateRecoveryCodesForm, TurnOffTwoFactorForm } from "@/components/auth/two-factor-forms";
import { endSessionAction, regenerateRecoveryCodesAction, turnOffTwoFactorAction } from "@/lib/actions/two-factor";
import { mayTurnOffOwnSecondFactor } from "@/lib/auth/policy";
import { getSignInSettings } from "@/lib/data/sign-in-settings";
import { getSignInState, requireUserPage } from "@/lib/auth/session";
import { configuredSsoProviders } from "@/lib/auth/sso";
import { describeDevice, describeSignInMethod } from "@/lib/domain/device";
import { getPublication } from "@/lib/data/publication";
import { listOwnSessions } from "@/lib/data/sessions";
import { listApiTokens } from "@/lib/data/tokens";
import { hasSecondFactor } from "@/lib/data/two-factor";
import { findOwnProfile } from "@/lib/data/users";
import { gradeLabel, publicName } from "@/lib/domain/byline";
import { formatDateTime } from "@/lib/domain/time";

export const metadata: Metadata = { title: "Your account | Masthead newsroom" };

export default async function AccountPage() {
  const user = await requireUserPage();
  const [profile, tokens, publication, sessions, twoFactorOn, state, signIn] = await Promise.all([
    findOwnProfile({ actor: user }),
    listApiTokens({ actor: user }),
    getPublication(),
    listOwnSessions({ userId: user.userId }),
    hasSecondFactor(user.userId),
    getSignInState(),
    getSignInSettings(),
  ]);
  const mayTurnOff = mayTurnOffOwnSecondFactor(user.role, signIn.twoFactor);
  const currentSessionId = state.kind === "signed_in" ? state.sessionId : null;
  const providerNames = Object.fromEntries(configuredSsoProviders().map((p) => [p.id, p.name]));
  const shownAs = publicName({ ...profile, title: null }, publication.nameDisplayDefault);
  const grade = gradeLabel(profile.graduationYear, new Date(), publication.schoolYearStartMonth);
  return (
    <div className="flex flex-col gap-10">
      <div>
        <h1 className="font-serif text-3xl font-bold">Your account</h1>
        <p className="mt-1 text-muted">
          {user.email} · {ROLE_LABELS[user.role]}
        </p>
      </div>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="text-xl font-bold">
          Public profile
        </h2>
        <p className="mt-1" data-testid="shown-as">
          Readers see you as <strong>{shownAs}</strong>
          {grade && <> / {grade}</>}.
          {profile.penName && !profile.penNameApproved && <span className="text-warn"> Your pen name “{profile.penName}” is waiting for an adviser’s approval.</span>}
        </p>
        <div className="mt-4">
          <ProfileForm action={updateProfileAction} values={{ bio: profile.bio, nameDisplay: profile.nameDisplay ?? "DEFAULT", penName: profile.penName ?? "" }} />
        </div>
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-xl font-bold">
          Password
        </h2>
        <div className="mt-4">
          <PasswordForm action={changePasswordAction} />
        </div>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="text-xl font-bold">
          Sessions
        </h2>
        <p className="mt-1 text-muted">
          A sign-in lasts 12 hours at most. Signed in on a shared or lost computer? End every session of your account, on every device, this one included. Your API tokens keep working;
          revoke them below.
        </p>
        <table className="mt-4 w-full border-collapse text-left text-sm" data-testid="session-table">
          <caption className="sr-only">Your active sessions</caption>
          <thead>
            <tr className="border-b border-rule">
              <th scope="col" className="py-2 pr-4">Device</th>
              <th scope="col" className="py-2 pr-4">Signed in with</th>
              <th scope="col" className="py-2 pr-4">First seen</th>
              <th scope="col" className="py-2 pr-4">Last seen</th>
              <th scope="col" className="py-2">
                <span className="sr-only">End</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} className="border-b border-rule align-top">
                <td className="py-2 pr-4">
                  {describeDevice(s.userAgent)}
                  {s.id === currentSessionId && <strong> (this browser)</strong>}
                </td>
                <td className="py-2 pr-4">{describeSignInMethod(s.method, s.secondFactor, providerNames)}</td>
                <td className="py-2 pr-4">{formatDateTime(s.createdAt, publication.timeZone)}</td>
                <td className="py-2 pr-4">{formatDateTime(s.lastSeenAt, publication.timeZone)}</td>
                <td className="py-2">
                  <EndSessionForm action={endSessionAction} sessionId={s.id} current={s.id === currentSessionId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4">
          <InlineActionForm action={signOutEverywhereAction} hidden={{}} label="Sign out everywhere" confirm="Sign out on every device, this one included?" />
        </div>
      </section>
      <section aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading" className="text-xl font-bold">
          Two-factor sign-in
        </h2>
        {twoFactorOn ? (
          <>
            <p className="mt-1" data-testid="two-factor-status">
              On: after your password, Masthead asks for a code from your authenticator app. Lost it and your recovery codes? An administrator can reset it.
            </p>
            <div className="mt-4 grid gap-6 md:grid-cols-2">
              <RegenerateRecoveryCodesForm action={regenerateRecoveryCodesAction} />
              {mayTurnOff ? (
                <TurnOffTwoFactorForm action={turnOffTwoFactorAction} />
              ) : (
                <p className="text-muted">The publication requires two-factor sign-in for your role, so it cannot be turned off.</p>
              )}
            </div>
          </>
        ) : (
          <p className="mt-1" data-testid="two-factor-status">
            Off. Protect your account with a code from an authenticator app on your phone. <Link href="/two-factor/enrol">Set up two-factor sign-in</Link>
          </p>
        )}
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="text-xl font-bold">
          API tokens
        </h2>
        <p className="mt-1 text-muted">
          For scripts and integrations: send <code>Authorization: Bearer &lt;token&gt;</code> to the Admin API. A token can do exactly what your account can, and stops working if you are
          deactivated.
        </p>
        <div className="mt-4">
          <CreateTokenForm action={createTokenAction} />
        </div>
        {tokens.length > 0 && (
          <table className="mt-6 w-full border-collapse text-left text-sm">
            <caption className="sr-only">Your API tokens</caption>
            <thead>
              <tr className="border-b border-rule">
                <th scope="col" className="py-2 pr-4">Name</th>
                <th scope="col" className="py-2 pr-4">Created</th>
                <th scope="col" className="py-2 pr-4">Last used</th>
                <th scope="col" className="py-2">Status</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-b border-rule">
                  <td className="py-2 pr-4 font-semibold">{t.name}</td>
                  <td className="py-2 pr-4">{formatDateTime(t.createdAt, publication.timeZone)}</td>
                  <td className="py-2 pr-4">{t.lastUsedAt ? formatDateTime(t.lastUsedAt, publication.timeZone) : "Never"}</td>
                  <td className="py-2">
                    {t.revokedAt ? "Revoked" : <InlineActionForm action={revokeTokenAction} hidden={{ tokenId: t.id }} label={`Revoke ${t.name}`} confirm="Revoke this token? Scripts using it stop working at once." />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
