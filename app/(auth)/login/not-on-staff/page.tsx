import type { Metadata } from "next";
import Link from "next/link";
import { getPublication } from "@/lib/data/publication";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Not on the staff list | Masthead" };

/**
 * Where a refused single sign-on lands (lib/auth/sso-sign-in.ts). It says the same whatever the
 * reason (unknown email, deactivated, outside the school's domains), so it tells a stranger
 * nothing about who is on staff; the audit log has the reason.
 */
export default async function NotOnStaffPage() {
  const publication = await getPublication();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-md px-4 py-16">
      <p className="font-serif text-2xl font-bold">{publication.name}</p>
      <h1 className="mt-4 text-2xl font-bold">Ask your adviser to add you to the staff list</h1>
      <p className="mt-4">
        Your school account signed you in, but it is not on the {publication.name} staff list, or the account is not active. Nobody signs up on their own: your adviser adds each
        staff member with the email address your school gave you.
      </p>
      <p className="mt-4">Once they have, come back and sign in again.</p>
      <p className="mt-6">
        <Link href="/login">Back to sign in</Link>
      </p>
    </main>
  );
}
