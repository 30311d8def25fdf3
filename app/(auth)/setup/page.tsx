import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { setupAction } from "@/lib/actions/setup";
import { hasAnyUser } from "@/lib/data/users";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up Masthead" };

/** First run only: once any account exists this page is gone for good. */
export default async function SetupPage() {
  if (await hasAnyUser()) notFound();
  const timeZones = Intl.supportedValuesOf("timeZone");
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-md px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">Set up your newsroom</h1>
      <p className="mt-2 text-muted">Create the publication and the first adviser account. You can invite your staff next.</p>
      <div className="mt-6">
        <SetupForm action={setupAction} timeZones={timeZones} defaultTimeZone="UTC" />
      </div>
    </main>
  );
}
