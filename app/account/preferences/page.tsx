import type { Metadata } from "next";
import Link from "next/link";
import { savePreferencesAction } from "./actions";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/field";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { requireRole } from "@/lib/app/guards";
import { getAccountProfile } from "@/lib/portal/account";
import { getPreferences } from "@/lib/notices/preferences";

export const metadata: Metadata = { title: "Notification preferences" };

const messageTypes = [
  { name: "bookingConfirmations", label: "Booking confirmations" },
  { name: "reminders", label: "Reminders", hint: "24 hours before each appointment." },
  {
    name: "cancellationUpdates",
    label: "Cancellation and change updates",
    hint: "When an appointment is cancelled or moved, by you or by the business.",
  },
  { name: "promotionalEmail", label: "Promotional email", hint: "News and offers from businesses you booked with." },
] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PreferencesPage({ searchParams }: Props) {
  const user = await requireRole("client");
  const sp = await searchParams;
  const db = await getDb();
  const [prefs, profile] = await Promise.all([getPreferences(db, user.id), getAccountProfile(db, user.id)]);
  const hasPhone = Boolean(profile?.phone);

  return (
    <div className="space-y-6">
      <PageHeader title="Notification preferences" description="Choose what we send you and how." />
      {sp.saved === "1" ? <Flash tone="success">Your preferences have been saved.</Flash> : null}
      {sp.error ? <Flash tone="error">We couldn&apos;t read that form. Please try again.</Flash> : null}
      <form action={savePreferencesAction} className="space-y-6">
        <Card title="How to reach you">
          <fieldset className="space-y-3">
            <legend className="sr-only">Channels</legend>
            <Checkbox
              name="emailEnabled"
              label="Email"
              defaultChecked={prefs.emailEnabled}
              hint={`To ${user.email}. Off means no email from Slotbook at all, except account security mail.`}
            />
            <Checkbox
              name="smsEnabled"
              label="Text messages (SMS)"
              defaultChecked={prefs.smsEnabled}
              hint={
                hasPhone ? (
                  `To ${profile?.phone}.`
                ) : (
                  <>
                    Add a phone number in <Link href="/account/settings" className="underline">settings</Link> to get texts.
                  </>
                )
              }
            />
          </fieldset>
        </Card>
        <Card title="What to send">
          <fieldset className="space-y-3">
            <legend className="sr-only">Message types</legend>
            {messageTypes.map((t) => (
              <Checkbox key={t.name} {...t} defaultChecked={prefs[t.name]} />
            ))}
          </fieldset>
        </Card>
        <SubmitButton pendingLabel="Saving…">Save preferences</SubmitButton>
      </form>
    </div>
  );
}
