import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/password-reset-forms";
import { forgotPasswordAction } from "@/lib/actions/password-reset";
import { NO_MAIL_MESSAGE } from "@/lib/use-cases/accounts/request-password-reset";
import { getPublication } from "@/lib/data/publication";
import { mailConfigured } from "@/lib/mail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Forgot password | Masthead" };

/** Ask for a reset link by email; without a mail server, the page says who resets passwords instead. */
export default async function ForgotPasswordPage() {
  const publication = await getPublication();
  const mail = mailConfigured();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-sm px-4 py-16">
      <p className="font-serif text-2xl font-bold">{publication.name}</p>
      <h1 className="mt-1 text-lg text-muted">Forgot your password?</h1>
      <div className="mt-6 flex flex-col gap-4">
        {mail ? (
          <>
            <p>Enter the email address you sign in with. We will email you a link to choose a new password.</p>
            <ForgotPasswordForm action={forgotPasswordAction} />
          </>
        ) : (
          <p role="note" className="rounded border-2 border-warn p-3 font-semibold" data-testid="no-mail">
            {NO_MAIL_MESSAGE}
          </p>
        )}
        <Link href="/login" className="text-sm">
          Back to sign-in
        </Link>
      </div>
    </main>
  );
}
