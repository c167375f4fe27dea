import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteAccountForm, PasswordForm, ProfileForm } from "./_components/settings-forms";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { requireRole } from "@/lib/app/guards";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { getAccountProfile } from "@/lib/portal/account";

export const metadata: Metadata = { title: "Account settings" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const user = await requireRole("client");
  const profile = await getAccountProfile(await getDb(), user.id);
  if (!profile) notFound();

  return (
    <div className="space-y-6">
      <PageHeader title="Account settings" description={<span className="break-all">{profile.email}</span>} />
      {sp.passwordChanged ? <Flash tone="success">Your password has been changed. You have been signed out everywhere else.</Flash> : null}
      <Card title="Your details">
        <ProfileForm name={profile.name} phone={profile.phone} />
      </Card>
      <Card title="Password">
        <PasswordForm passwordMin={PASSWORD_MIN_LENGTH} />
      </Card>
      <Card title="Delete account">
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            Your sign-in, favourites and notification preferences are deleted. Your appointments stay with the businesses
            as guest bookings: the links in your booking emails keep working, and the businesses keep the name and email
            you booked with.
          </p>
          <DeleteAccountForm />
        </div>
      </Card>
    </div>
  );
}
