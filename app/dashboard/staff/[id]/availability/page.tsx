import type { Metadata } from "next";
import { formatLongDate } from "@/lib/availability/format";
import { WeeklyIntervalsForm } from "@/components/dashboard/weekly-intervals-form";
import { Card } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { listConflicts } from "@/lib/booking/schedule";
import { ConflictSummary } from "../../../_components/conflict-summary";
import { zonedDate } from "@/lib/availability";
import { requirePro } from "@/lib/app/guards";
import { loadWeeklyHours } from "@/lib/booking/providers";
import { type HoursInterval } from "@/lib/provider/hours";
import { WEEKDAYS } from "@/lib/infra/time";
import { getStaffWeeklyAvailability, listUpcomingTimeOff } from "@/lib/staff/availability";
import { staffErrorMessage } from "@/lib/staff/flash";
import { addTimeOffAction, decideTimeOffRequestAction, removeTimeOffAction, saveAvailabilityAction } from "../../actions";
import { pendingRequests } from "@/lib/staff/time-off-requests";
import { RequestDecision } from "./_components/request-decision";
import { memberOrNotFound } from "../member";
import { TimeOffForm } from "./_components/time-off-form";
import { BackToMember } from "../../_components/back-to-member";

export const metadata: Metadata = { title: "Staff availability" };

type Search = { saved?: string; timeOff?: string; timeOffRemoved?: string; request?: string; error?: string };

export default async function StaffAvailabilityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { provider } = await requirePro("staff");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const db = await getDb();
  const member = await memberOrNotFound(db, provider.id, id);
  const now = new Date();
  const [weekly, opening, timeOff, conflicts, requests] = await Promise.all([
    getStaffWeeklyAvailability(db, provider.id, member.id),
    loadWeeklyHours(db, provider.id),
    listUpcomingTimeOff(db, provider.id, member.id, now),
    listConflicts(db, provider.id, now, { staffId: member.id }),
    pendingRequests(db, provider.id, member.id),
  ]);
  const success = search.saved === "1" ? "Availability saved." : search.timeOff === "1" ? "Time off added." : search.timeOffRemoved === "1"
          ? "Time off removed."
          : search.request === "approved"
            ? "Request approved: the time off is added."
            : search.request === "declined"
              ? "Request declined."
              : null;
  const error = staffErrorMessage(search.error);
  const zone = provider.timezone.replaceAll("_", " ");

  return (
    <div className="space-y-6">
      <BackToMember member={member} />
      <PageHeader
        title={`${member.name}: availability`}
        description={`Times in ${zone}. Clients can book them when they work and you are open, except on closed dates and their time off.`}
      />
      {success ? <Flash tone="success">{success}</Flash> : null}
      {error ? <Flash tone="error">{error}</Flash> : null}
      <ConflictSummary conflicts={conflicts} timezone={provider.timezone} />

      <Card title="Week at a glance">
        <WeekGrid weekly={weekly} opening={opening} />
      </Card>

      <Card title="Weekly working hours">
        <WeeklyIntervalsForm
          key={JSON.stringify(weekly)}
          days={WEEKDAYS}
          initial={weekly}
          action={saveAvailabilityAction.bind(null, member.id)}
          submitLabel="Save availability"
          emptyLabel="Not working"
        />
      </Card>

      <div id="time-off" className="scroll-mt-6">
        <Card title="Time off">
          <div className="space-y-4">
            {requests.length ? (
              <section aria-labelledby="requests-title" className="space-y-3 rounded-md bg-indigo-50 p-3 ring-1 ring-inset ring-indigo-200">
                <h3 id="requests-title" className="font-semibold text-slate-900">
                  Requested by {member.name}
                </h3>
                <ul className="space-y-3" aria-label="Time-off requests">
                  {requests.map((r) => {
                    const when = r.startDate === r.endDate ? formatLongDate(r.startDate) : `${formatLongDate(r.startDate)} – ${formatLongDate(r.endDate)}`;
                    return (
                      <li key={r.id} className="space-y-2 text-sm">
                        <p className="text-slate-900">
                          {when}
                          {r.reason ? <span className="text-slate-600"> · {r.reason}</span> : null}
                        </p>
                        <RequestDecision requestId={r.id} label={`time off ${when}`} action={decideTimeOffRequestAction.bind(null, member.id)} />
                      </li>
                    );
                  })}
                </ul>
              </section>
            ) : null}
            {timeOff.length === 0 ? (
              <EmptyState title="No time off planned" />
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Planned time off">
                {timeOff.map((t) => (
                  <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                    <span className="text-slate-900">
                      {t.startDate === t.endDate ? formatLongDate(t.startDate) : `${formatLongDate(t.startDate)} – ${formatLongDate(t.endDate)}`}
                      {t.reason ? <span className="text-slate-600"> · {t.reason}</span> : null}
                    </span>
                    <form action={removeTimeOffAction}>
                      <input type="hidden" name="staffId" value={member.id} />
                      <input type="hidden" name="timeOffId" value={t.id} />
                      <ConfirmButton confirm="Remove this time off?" variant="ghost" pendingLabel="Removing…">
                        Remove
                      </ConfirmButton>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <TimeOffForm today={zonedDate(now, provider.timezone)} action={addTimeOffAction.bind(null, member.id)} />
          </div>
        </Card>
      </div>
    </div>
  );
}

/** Seven columns (stacked on phones): the member's intervals beside the business's opening hours. */
function WeekGrid({ weekly, opening }: { weekly: HoursInterval[]; opening: HoursInterval[] }) {
  return (
    <div className="grid gap-2 sm:grid-cols-7" role="table" aria-label="Working hours by weekday">
      {WEEKDAYS.map(({ weekday, name }) => {
        const own = weekly.filter((i) => i.weekday === weekday);
        const open = opening.filter((i) => i.weekday === weekday);
        return (
          <div key={weekday} role="row" className="rounded-md bg-slate-50 p-2 text-sm ring-1 ring-inset ring-slate-200">
            <p role="rowheader" className="font-medium text-slate-900">
              {name.slice(0, 3)}
            </p>
            <div role="cell" className="space-y-0.5">
              {own.length ? (
                own.map((i) => (
                  <p key={i.start} className="rounded bg-indigo-100 px-1 text-indigo-900">
                    {i.start}–{i.end}
                  </p>
                ))
              ) : (
                <p className="text-slate-500">Off</p>
              )}
              <p className="text-xs text-slate-500">Open: {open.length ? open.map((i) => `${i.start}–${i.end}`).join(", ") : "closed"}</p>
            </div>
          </div>
        );
      })}
    </div>
  );
}
