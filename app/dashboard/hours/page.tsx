import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { listConflicts } from "@/lib/booking/schedule";
import { ConflictSummary } from "../_components/conflict-summary";
import { zonedDate } from "@/lib/availability";
import { zoneLabel } from "@/lib/infra/time";
import { formatLongDate } from "@/lib/availability/format";
import { requireProvider } from "@/lib/app/guards";
import { errorCodes } from "@/lib/infra/errors";
import { loadWeeklyHours } from "@/lib/booking/providers";
import { listUpcomingClosedDates } from "@/lib/provider/hours";
import { WEEKDAYS } from "@/lib/infra/time";
import { removeClosedDateAction, saveHoursAction } from "./actions";
import { ClosedDateForm } from "./_components/closed-date-form";
import { WeeklyIntervalsForm } from "@/components/dashboard/weekly-intervals-form";
import { ownValue } from "@/lib/infra/text";

export const metadata: Metadata = { title: "Opening hours" };

type Search = { saved?: string; closed?: string; reopened?: string; error?: string };

export default async function HoursPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { provider } = await requireProvider();
  const db = await getDb();
  const now = new Date();
  const [search, hours, closed, conflicts] = await Promise.all([
    searchParams,
    loadWeeklyHours(db, provider.id),
    listUpcomingClosedDates(db, provider.id, now),
    listConflicts(db, provider.id, now),
  ]);
  const tz = provider.timezone;
  const error = search.error ? (ownValue(errorCodes, search.error)?.message ?? "Something went wrong on our side. Please try again.") : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Opening hours"
        description={
          <>
            All times are in <strong>{zoneLabel(tz, now)}</strong>, your business&apos;s time zone.{" "}
            <Link href="/dashboard/profile" className="text-indigo-700 underline underline-offset-2">
              Change it on your profile
            </Link>
            .
          </>
        }
      />
      {search.saved === "1" ? <Flash tone="success">Opening hours saved.</Flash> : null}
      <ConflictSummary conflicts={conflicts} timezone={provider.timezone} />

      <Card title="Weekly hours">
        <p className="mb-4 text-sm text-slate-600">
          Add one or more intervals per day, for example 09:00–12:00 and 13:00–17:00 for a lunch break. A day without
          intervals is closed.
        </p>
        {/* Remount after a save so the rows show exactly what was stored. */}
        <WeeklyIntervalsForm key={JSON.stringify(hours)} days={WEEKDAYS} initial={hours} action={saveHoursAction} />
      </Card>

      <div id="closed-dates" className="scroll-mt-6">
        <Card title="Closed dates">
          <div className="space-y-6">
            {search.closed === "1" ? <Flash tone="success">Closed date added: no bookings can be made that day.</Flash> : null}
            {search.reopened === "1" ? <Flash tone="success">Closed date removed.</Flash> : null}
            {error ? <Flash tone="error">{error}</Flash> : null}
            <p className="text-sm text-slate-600">Holidays and other days off. Existing appointments on those days are kept.</p>
            {closed.length === 0 ? (
              <EmptyState title="No closed dates coming up" />
            ) : (
              <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200" aria-label="Upcoming closed dates">
                {closed.map((d) => (
                  <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">
                        <time dateTime={d.date}>{formatLongDate(d.date)}</time>
                      </p>
                      {d.reason ? <p className="break-words text-sm text-slate-600">{d.reason}</p> : null}
                    </div>
                    <form action={removeClosedDateAction}>
                      <input type="hidden" name="closedDateId" value={d.id} />
                      <SubmitButton variant="ghost" pendingLabel="Removing…" aria-label={`Remove closed date ${d.date}`}>
                        Remove
                      </SubmitButton>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <ClosedDateForm today={zonedDate(now, tz)} />
          </div>
        </Card>
      </div>
    </div>
  );
}
