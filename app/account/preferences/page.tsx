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
import { getPreferences, type Preferences } from "@/lib/notices/preferences";

export const metadata: Metadata = { title: "Notification preferences" };

type Switch = keyof Preferences;

/** Each topic with its switch per channel (promotions are never texted). */
const messageTypes: { label: string; hint?: string; email: Switch; sms: Switch | null }[] = [
  { label: "Booking confirmations", email: "bookingConfirmations", sms: "bookingConfirmationsSms" },
  { label: "Reminders", hint: "24 hours before each appointment.", email: "reminders", sms: "remindersSms" },
  {
    label: "Cancellation and change updates",
    hint: "When an appointment is cancelled or moved, by you or by the business.",
    email: "cancellationUpdates",
    sms: "cancellationUpdatesSms",
  },
  { label: "Promotional email", hint: "News and offers from businesses you booked with.", email: "promotionalEmail", sms: null },
];

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
          <p className="mb-4 text-sm text-slate-600">
            Choose each kind of message by email, by text, or both. An email&apos;s unsubscribe link turns off only its email.
          </p>
          <div className="divide-y divide-slate-100">
            {messageTypes.map((t) => (
              <fieldset key={t.email} className="py-3 first:pt-0 last:pb-0" aria-describedby={t.hint ? `${t.email}-hint` : undefined}>
                <legend className="text-sm font-medium text-slate-900">{t.label}</legend>
                {t.hint ? (
                  <p id={`${t.email}-hint`} className="text-sm text-slate-600">
                    {t.hint}
                  </p>
                ) : null}
                <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
                  {/* The full name for screen readers and tests: "By email" alone is one of four. */}
                  <Checkbox
                    name={t.email}
                    label="By email"
                    aria-label={t.sms ? `${t.label} by email` : t.label}
                    defaultChecked={prefs[t.email]}
                  />
                  {t.sms ? <Checkbox name={t.sms} label="By text" aria-label={`${t.label} by text`} defaultChecked={prefs[t.sms]} /> : null}
                </div>
              </fieldset>
            ))}
          </div>
          {!prefs.smsEnabled ? (
            <p className="mt-4 text-sm text-slate-600">Texts are sent only while &quot;Text messages (SMS)&quot; above is on.</p>
          ) : null}
        </Card>
        <SubmitButton pendingLabel="Saving…">Save preferences</SubmitButton>
      </form>
    </div>
  );
}
