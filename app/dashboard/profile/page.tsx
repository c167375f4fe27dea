import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { env } from "@/lib/infra/env";
import { getProfileOrThrow } from "@/lib/provider/profile";
import { timeZoneOptions } from "@/lib/infra/time";
import { ProfileForm } from "./_components/profile-form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const { provider } = await requireProvider();
  const [{ saved }, profile] = await Promise.all([searchParams, getProfileOrThrow(await getDb(), provider.id)]);
  const { id: _id, plan: _plan, proUntil: _proUntil, ...values } = profile;
  const appUrl = env().APP_URL;
  const publicPath = `/p/${profile.slug}`;

  return (
    <div className="space-y-6">
      <PageHeader title="Business profile" description="What clients see on your booking page, and your booking rules." />
      {saved === "1" ? <Flash tone="success">Profile saved.</Flash> : null}
      <p className="text-sm text-slate-700">
        Your public booking page:{" "}
        <Link href={publicPath} className="font-medium text-indigo-700 underline underline-offset-2">
          {appUrl}
          {publicPath}
        </Link>
      </p>
      <Card>
        <ProfileForm profile={values} timeZones={timeZoneOptions()} appUrl={appUrl} />
      </Card>
    </div>
  );
}
