import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { zonedDate } from "@/lib/availability";
import { formatLongDate } from "@/lib/availability/format";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { errorCodes, type ErrorCode } from "@/lib/infra/errors";
import { getPlanSummary, TRIAL_DAYS } from "@/lib/plans/plans";
import { startTrialAction } from "./actions";

export const metadata: Metadata = { title: "Upgrade to PRO" };

const proFeatures = [
  { title: "Up to 10 staff members", text: "Each with their own services and working hours." },
  { title: "Clients choose who they see", text: "A specific staff member, or “any available” for the first free time." },
  { title: "Staff logins", text: "Staff sign in to see their own appointments." },
  { title: "Google Calendar sync", text: "New, moved and cancelled appointments appear in your Google Calendar automatically." },
];

/** What a FREE provider was trying to open when a PRO page sent them here. */
const featureNames: Record<string, string> = {
  staff: "Staff management",
  calendar: "Google Calendar sync",
};

type Search = { feature?: string; trial?: string; error?: string };

export default async function UpgradePage({ searchParams }: { searchParams: Promise<Search> }) {
  const { provider } = await requireProvider();
  const search = await searchParams;
  const now = new Date();
  const plan = await getPlanSummary(await getDb(), provider.id, now);
  const pro = plan.pro;
  const feature = search.feature ? featureNames[search.feature] : undefined;
  const error = search.error ? (errorCodes[search.error as ErrorCode]?.message ?? "Something went wrong on our side. Please try again.") : null;
  const lapsed = plan.plan === "pro" && !pro;
  const until = plan.proUntil ? zonedDate(plan.proUntil, provider.timezone) : null;

  return (
    <div className="space-y-6">
      <PageHeader title="PRO plan" description="More people, more bookings, one calendar." />
      {feature && !pro ? <Flash tone="info">{feature} is a PRO feature. Upgrade or start a free trial to use it.</Flash> : null}
      {search.trial === "1" && pro ? <Flash tone="success">Your {TRIAL_DAYS}-day PRO trial has started. Add your staff under Staff.</Flash> : null}
      {error === errorCodes.CONFLICT.message ? <Flash tone="error">The free trial has already been used for this business.</Flash> : error ? <Flash tone="error">{error}</Flash> : null}

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
        <Card title={`Try PRO free for ${TRIAL_DAYS} days`}>
          {plan.trialUsed ? (
            <p className="text-sm text-slate-700">The free trial has already been used for this business.</p>
          ) : (
            <form action={startTrialAction} className="space-y-3">
              <p className="text-sm text-slate-700">
                Everything in PRO for {TRIAL_DAYS} days, once per business. Nothing is charged; afterwards you are back on FREE and your
                staff and settings are kept.
              </p>
              <SubmitButton pendingLabel="Starting…">Start {TRIAL_DAYS}-day free trial</SubmitButton>
            </form>
          )}
        </Card>
      ) : null}

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
