import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { zonedDate } from "@/lib/availability";
import { formatLongDate } from "@/lib/format";
import { requireProvider } from "@/lib/auth/guards";
import { isProActive } from "@/lib/provider/plan";

export const metadata: Metadata = { title: "Upgrade to PRO" };

const proFeatures = [
  { title: "Up to 10 staff members", text: "Each with their own services and working hours." },
  { title: "Clients choose who they see", text: "A specific staff member, or “any available” for the first free time." },
  { title: "Staff logins", text: "Staff sign in to see their own appointments." },
  { title: "Google Calendar sync", text: "New, moved and cancelled appointments appear in your Google Calendar automatically." },
];

export default async function UpgradePage() {
  const { provider } = await requireProvider();
  const now = new Date();
  const pro = isProActive(provider, now);
  const lapsed = provider.plan === "pro" && !pro;
  const until = provider.proUntil ? zonedDate(provider.proUntil, provider.timezone) : null;

  return (
    <div className="space-y-6">
      <PageHeader title="PRO plan" description="More people, more bookings, one calendar." />

      <Card title="Your plan">
        <p className="text-slate-800">
          You are on the <strong>{pro ? "PRO" : "FREE"}</strong> plan
          {pro && until ? (
            <>
              , active until <time dateTime={until}>{formatLongDate(until)}</time>
            </>
          ) : null}
          .
        </p>
        {lapsed ? (
          <p className="mt-2 text-sm text-slate-600">
            Your PRO plan has ended. Your staff and calendar settings are kept; staff selection and calendar sync are paused
            until you renew.
          </p>
        ) : null}
        {!pro ? (
          <p className="mt-2 text-sm text-slate-600">
            FREE includes your booking page, services, opening hours, closed dates and appointment management for you alone.
          </p>
        ) : null}
      </Card>

      <Card title="What PRO gives you">
        <ul className="grid gap-4 sm:grid-cols-2">
          {proFeatures.map((f) => (
            <li key={f.title} className="rounded-md bg-slate-50 p-4 ring-1 ring-inset ring-slate-200">
              <p className="font-medium text-slate-900">{f.title}</p>
              <p className="mt-1 text-sm text-slate-600">{f.text}</p>
            </li>
          ))}
        </ul>
      </Card>

      {!pro ? (
        <Card title="How to upgrade">
          <p className="text-sm text-slate-700">
            Contact us to upgrade: reply to any email from Slotbook and we&apos;ll switch your account to PRO. Online payment
            isn&apos;t available in the app yet, so nothing is charged here.
          </p>
        </Card>
      ) : null}
    </div>
  );
}
