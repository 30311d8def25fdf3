import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SecondFactorForm } from "@/components/auth/two-factor-forms";
import { SignOutButton } from "@/components/newsroom/sign-out-button";
import { verifySecondFactorAction } from "@/lib/actions/two-factor";
import { getSignInState } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Two-factor sign-in | Masthead" };

/** The second step of a sign-in for an account with an authenticator app. */
export default async function TwoFactorPage() {
  const state = await getSignInState();
  if (state.kind === "signed_out") redirect("/login");
  // Once the code is in, this page stays (a recovery code's note is shown here) and links on.
  if (state.kind === "enrol") redirect("/two-factor/enrol");
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-sm px-4 py-16">
      <h1 className="text-2xl font-bold">Two-factor sign-in</h1>
      <p className="mt-2 text-muted">Signed in as {state.user.email}. Enter the code from your authenticator app to continue.</p>
      <div className="mt-6">
        <SecondFactorForm action={verifySecondFactorAction} next="/newsroom" done={state.kind === "signed_in"} />
      </div>
      <p className="mt-6 text-sm">
        Lost your phone and your recovery codes? Ask an administrator to reset your two-factor sign-in. <SignOutButton />
      </p>
    </main>
  );
}
