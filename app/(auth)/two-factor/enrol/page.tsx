import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EnrolForm } from "@/components/auth/two-factor-forms";
import { SignOutButton } from "@/components/newsroom/sign-out-button";
import { confirmEnrolmentAction, startEnrolmentAction } from "@/lib/actions/two-factor";
import { getSignInState } from "@/lib/auth/session";
import { hasSecondFactor } from "@/lib/data/two-factor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up two-factor sign-in | Masthead" };

/** Enrolment of an authenticator app: chosen from Your account, or required before the newsroom. */
export default async function EnrolPage() {
  const state = await getSignInState();
  if (state.kind === "signed_out") redirect("/login");
  if (state.kind === "second_factor") redirect("/two-factor");
  // No redirect once enrolled: the page re-renders after the confirming code, and must keep
  // showing the recovery codes it has just been given.
  const enrolled = await hasSecondFactor(state.user.userId);
  const required = state.kind === "enrol";
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-2xl font-bold">Set up two-factor sign-in</h1>
      <p className="mt-2">
        {required
          ? "Your publication requires a second factor for your role. Set up an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…) before you continue to the newsroom."
          : "After your password, Masthead will also ask for a code from an authenticator app on your phone."}
      </p>
      <div className="mt-6">
        <EnrolForm start={startEnrolmentAction} confirm={confirmEnrolmentAction} next="/newsroom" enrolled={enrolled} />
      </div>
      <p className="mt-6 text-sm">
        Signed in as {state.user.email}. <SignOutButton />
      </p>
    </main>
  );
}
