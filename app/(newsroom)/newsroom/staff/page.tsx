import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateStaffForm, StaffRowForm } from "@/components/newsroom/staff-forms";
import { InlineActionForm, ResetPasswordForm } from "@/components/newsroom/account-forms";
import { penNameApprovalAction, resetPasswordAction } from "@/lib/actions/account";
import { setSsoOnlyAction } from "@/lib/actions/sign-in";
import { createStaffAction, updateStaffAction } from "@/lib/actions/staff";
import { resetTwoFactorAction } from "@/lib/actions/two-factor";
import { configuredSsoProviders } from "@/lib/auth/sso";
import { listSignInFacts } from "@/lib/data/two-factor";
import { can, ROLE_LABELS } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { getPublication } from "@/lib/data/publication";
import { listStaff } from "@/lib/data/users";
import { gradeLabel } from "@/lib/domain/byline";
import { formatDateTime } from "@/lib/domain/time";

export const metadata: Metadata = { title: "Staff | Masthead newsroom" };

export default async function StaffPage() {
  const user = await requireUserPage();
  if (!can(user, "manage_staff")) notFound();
  const [staff, publication, signIn] = await Promise.all([listStaff(), getPublication(), listSignInFacts()]);
  const ssoOn = configuredSsoProviders().length > 0;
  const canResetSecondFactor = can(user, "reset_second_factor");
  const now = new Date();
  const canGrantAdmin = can(user, "grant_admin");
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Staff</h1>
      <p className="mt-1 text-muted">Deactivating an account signs the person out at once; their stories and bylines stay.</p>
      <section aria-labelledby="add-heading" className="mt-6 rounded border border-rule p-4">
        <h2 id="add-heading" className="text-lg font-bold">
          Add a staff member
        </h2>
        <div className="mt-3">
          <CreateStaffForm action={createStaffAction} canGrantAdmin={canGrantAdmin} />
        </div>
      </section>
      <div className="mt-8 overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Staff accounts</caption>
          <thead>
            <tr className="border-b border-rule">
              <th scope="col" className="py-2 pr-4">Name</th>
              <th scope="col" className="py-2 pr-4">Email</th>
              <th scope="col" className="py-2 pr-4">Role</th>
              <th scope="col" className="py-2 pr-4">Status</th>
              <th scope="col" className="py-2 pr-4">Last sign-in</th>
              <th scope="col" className="py-2">Change</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id} className={`border-b border-rule align-top ${s.active ? "" : "bg-panel text-muted"}`} data-testid={s.active ? undefined : "deactivated-row"}>
                <td className="py-2 pr-4 font-semibold">
                  {s.person.fullName}
                  {gradeLabel(s.person.graduationYear, now, publication.schoolYearStartMonth) && (
                    <span className="block text-xs font-normal text-muted">{gradeLabel(s.person.graduationYear, now, publication.schoolYearStartMonth)}</span>
                  )}
                  {s.person.penName && (
                    <span className="mt-1 block text-xs font-normal">
                      Pen name “{s.person.penName}”: {s.person.penNameApproved ? "approved" : "awaiting approval"}
                      <InlineActionForm
                        action={penNameApprovalAction}
                        hidden={{ personId: s.person.id, approved: s.person.penNameApproved ? "false" : "true" }}
                        label={s.person.penNameApproved ? `Withdraw approval of ${s.person.penName}` : `Approve pen name ${s.person.penName}`}
                      />
                    </span>
                  )}
                </td>
                <td data-label="Email" className="py-2 pr-4">{s.email}</td>
                <td data-label="Role" className="py-2 pr-4">{ROLE_LABELS[s.role]}</td>
                <td data-label="Status" className="py-2 pr-4">
                  {s.active ? "Active" : <span className="rounded border border-danger px-1.5 py-0.5 text-xs font-bold text-danger">Deactivated</span>}
                  {signIn.get(s.id)?.ssoOnly && <span className="block text-xs">SSO only</span>}
                  {signIn.get(s.id)?.secondFactor && <span className="block text-xs">Two-factor on</span>}
                </td>
                <td data-label="Last sign-in" className="py-2 pr-4">{s.lastLoginAt ? formatDateTime(s.lastLoginAt, publication.timeZone) : "Never"}</td>
                <td data-label="Change" className="py-2">
                  {s.id === user.userId ? (
                    <span className="text-muted">This is you</span>
                  ) : (
                    <div className="flex flex-col gap-2">
                      <StaffRowForm action={updateStaffAction} userId={s.id} role={s.role} active={s.active} label={s.person.fullName} canGrantAdmin={canGrantAdmin} />
                      <ResetPasswordForm action={resetPasswordAction} userId={s.id} name={s.person.fullName} />
                      {(ssoOn || signIn.get(s.id)?.ssoOnly) && (
                        <InlineActionForm
                          action={setSsoOnlyAction}
                          hidden={{ userId: s.id, ssoOnly: signIn.get(s.id)?.ssoOnly ? "off" : "on" }}
                          label={signIn.get(s.id)?.ssoOnly ? `Allow password sign-in for ${s.person.fullName}` : `Make ${s.person.fullName} SSO only`}
                        />
                      )}
                      {canResetSecondFactor && signIn.get(s.id)?.secondFactor && (
                        <InlineActionForm
                          action={resetTwoFactorAction}
                          hidden={{ userId: s.id }}
                          label={`Reset two-factor sign-in for ${s.person.fullName}`}
                          confirm={`Reset ${s.person.fullName}'s two-factor sign-in? Check first that it is really them asking.`}
                        />
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
