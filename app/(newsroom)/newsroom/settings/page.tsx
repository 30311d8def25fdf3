import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsForm } from "@/components/newsroom/staff-forms";
import { updateSettingsAction } from "@/lib/actions/staff";
import { can } from "@/lib/auth/policy";
import { requireUserPage } from "@/lib/auth/session";
import { getPublication } from "@/lib/data/publication";

export const metadata: Metadata = { title: "Settings | Masthead newsroom" };

export default async function SettingsPage() {
  const user = await requireUserPage();
  if (!can(user, "manage_settings")) notFound();
  const publication = await getPublication();
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
    </div>
  );
}
