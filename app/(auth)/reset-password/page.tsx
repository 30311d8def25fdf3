import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/password-reset-forms";
import { resetWithTokenAction } from "@/lib/actions/password-reset";
import { getPublication } from "@/lib/data/publication";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Choose a new password | Masthead", referrer: "no-referrer" };

type Props = { searchParams: Promise<{ token?: string }> };

/** The emailed link's page: the token rides in the form; the action checks it (single use, within the hour). */
export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const publication = await getPublication();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-sm px-4 py-16">
      <p className="font-serif text-2xl font-bold">{publication.name}</p>
      <h1 className="mt-1 text-lg text-muted">Choose a new password</h1>
      <div className="mt-6 flex flex-col gap-4">
        {typeof token === "string" && token ? (
          <ResetPasswordForm action={resetWithTokenAction} token={token} />
        ) : (
          <p role="alert" className="font-semibold text-danger">
            This reset link is incomplete. Open it again from the email, or <Link href="/forgot-password">ask for a new one</Link>.
          </p>
        )}
      </div>
    </main>
  );
}
