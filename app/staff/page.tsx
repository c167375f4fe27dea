import type { Metadata } from "next";
import { formatLongDate, formatWhen } from "@/lib/availability/format";
import { StatusBadge } from "@/components/booking/status-badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { requireRole } from "@/lib/app/guards";
import { errorCodes, type ErrorCode } from "@/lib/infra/errors";
import Link from "next/link";
import { groupByDay, listStaffPast, listStaffSchedule, type StaffAction } from "@/lib/staff/schedule";
import { staffAppointmentAction } from "./actions";
import { ownTimeOff } from "@/lib/staff/time-off-requests";
import { zonedDate } from "@/lib/availability";
import { TimeOffRequestForm } from "./_components/time-off-request-form";

export const metadata: Metadata = { title: "My schedule" };

type Search = { view?: string; welcome?: string; completed?: string; noShow?: string; undone?: string; timeOff?: string; error?: string };

/** What a member may do to one of their appointments: once it has started, complete or no-show; a no-show, undo it (or complete it after all). */
function staffButtons(a: { status: string; startsAt: Date; clientName: string }, now: Date): [StaffAction, string, string][] {
  if (a.status === "no_show") {
    return [
      ["undo_no_show", "Undo no-show", `Undo ${a.clientName}'s no-show`],
      ["complete", "Completed", `Mark ${a.clientName} completed`],
    ];
  }
  if (a.startsAt.getTime() > now.getTime() || (a.status !== "pending" && a.status !== "confirmed")) return [];
  return [
    ["complete", "Completed", `Mark ${a.clientName} completed`],
    ["no_show", "No-show", `Mark ${a.clientName} as a no-show`],
  ];
}

export default async function StaffPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireRole("staff");
  const search = await searchParams;
  const now = new Date();
  const view = search.view === "past" ? "past" : "upcoming";
  const { staff, upcoming } = view === "past" ? await listStaffPast(await getDb(), user.id, now) : await listStaffSchedule(await getDb(), user.id, now);
  const mine = staff?.access === "ok" && view === "upcoming" ? await ownTimeOff(await getDb(), user.id, now) : null;

  if (!staff || staff.access !== "ok") {
    const [title, text] = !staff
      ? ["Your login is not linked to a business", "Ask the business that invited you to send a new invitation."]
      : staff.access === "inactive"
        ? ["Your staff access is switched off", `${staff.providerName} has deactivated your staff profile. Ask them if you think this is a mistake.`]
        : ["Staff logins are paused", `${staff.providerName}'s PRO plan has ended, so staff logins are paused until it is renewed.`];
    return (
      <div className="space-y-6">
        <PageHeader title="My schedule" />
        <EmptyState title={title}>{text}</EmptyState>
      </div>
    );
  }

  const days = groupByDay(upcoming, staff.timezone);
  const success = search.welcome === "1" ? "Welcome! Your login is ready." : search.completed === "1" ? "Marked as completed." : search.noShow === "1" ? "Marked as a no-show." : search.undone === "1" ? "No-show undone: the appointment is confirmed again." : search.timeOff === "requested" ? "Time off requested. You'll see the answer here." : search.timeOff === "added" ? "Time off added." : null;
  const error = search.error ? (errorCodes[search.error as ErrorCode]?.message ?? "Something went wrong on our side. Please try again.") : null;

  return (
    <div className="space-y-6">
      <PageHeader title="My schedule" description={`${staff.name} at ${staff.providerName} · times in ${staff.timezone.replaceAll("_", " ")}`} />
      {success ? <Flash tone="success">{success}</Flash> : null}
      {error ? <Flash tone="error">{error}</Flash> : null}
      <p>
        <Link href="/staff/calendar" className="text-sm font-medium text-indigo-700 underline">
          My Google Calendar
        </Link>
      </p>
      <nav aria-label="When" className="inline-flex rounded-md bg-slate-100 p-1">
        {(["upcoming", "past"] as const).map((v) => (
          <Link
            key={v}
            href={v === "past" ? "/staff?view=past" : "/staff"}
            aria-current={v === view ? "page" : undefined}
            className={`min-h-9 rounded px-3 py-1.5 text-sm font-medium ${v === view ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {v === "upcoming" ? "Today & coming days" : "Past"}
          </Link>
        ))}
      </nav>
      {days.length === 0 ? (
        view === "past" ? (
          <EmptyState title="No past appointments">Appointments of the last 30 days appear here once they have ended.</EmptyState>
        ) : (
          <EmptyState title="No upcoming appointments">New bookings with you will appear here.</EmptyState>
        )
      ) : (
        days.map((day) => (
          <Card key={day.date} title={<time dateTime={day.date}>{formatLongDate(day.date)}</time>}>
            <ul className="divide-y divide-slate-100" aria-label={`Appointments on ${formatLongDate(day.date)}`}>
              {day.items.map((a) => {
                const buttons = staffButtons(a, now);
                return (
                  <li key={a.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">{formatWhen(a.startsAt, a.endsAt, staff.timezone)}</p>
                      <p className="text-sm text-slate-600">
                        {a.serviceName} · {a.clientName}
                      </p>
                      {a.clientPhone ? (
                        <p className="text-sm">
                          <a href={`tel:${a.clientPhone.replace(/[^0-9+]/g, "")}`} className="text-indigo-700 underline-offset-2 hover:underline">
                            {a.clientPhone}
                          </a>
                        </p>
                      ) : null}
                      {a.notes ? <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-500">{a.notes}</p> : null}
                    </div>
                    <div className="flex flex-wrap items-center gap-2">
                      <StatusBadge status={a.status} holdUntil={a.holdUntil} />
                      {buttons.map(([action, label, name]) => (
                        <form key={action} action={staffAppointmentAction}>
                          <input type="hidden" name="appointmentId" value={a.id} />
                          <input type="hidden" name="action" value={action} />
                          <input type="hidden" name="view" value={view} />
                          <SubmitButton variant="secondary" aria-label={name}>
                            {label}
                          </SubmitButton>
                        </form>
                      ))}
                    </div>
                  </li>
                );
              })}
            </ul>
          </Card>
        ))
      )}
      {mine ? <MyTimeOff mine={mine} today={zonedDate(now, staff.timezone)} /> : null}
    </div>
  );
}

const REQUEST_STATUS = { pending: "Waiting for approval", approved: "Approved", declined: "Declined" } as const;
const span = (t: { startDate: string; endDate: string }) => (t.startDate === t.endDate ? formatLongDate(t.startDate) : `${formatLongDate(t.startDate)} – ${formatLongDate(t.endDate)}`);

/** The member's own time off: what is planned, what they asked for and the answer, and the form to ask (or add). */
function MyTimeOff({ mine, today }: { mine: NonNullable<Awaited<ReturnType<typeof ownTimeOff>>>; today: string }) {
  return (
    <section id="my-time-off" className="scroll-mt-6">
      <Card title="My time off">
        <div className="space-y-4">
          {mine.timeOff.length ? (
            <ul className="divide-y divide-slate-100 text-sm" aria-label="Planned time off">
              {mine.timeOff.map((t) => (
                <li key={t.id} className="py-2 text-slate-900">
                  {span(t)}
                  {t.reason ? <span className="text-slate-600"> · {t.reason}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No time off planned.</p>
          )}
          {mine.requests.length ? (
            <ul className="divide-y divide-slate-100 text-sm" aria-label="My requests">
              {mine.requests.map((r) => (
                <li key={r.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span className="text-slate-900">
                    {span(r)}
                    {r.reason ? <span className="text-slate-600"> · {r.reason}</span> : null}
                  </span>
                  <span className="font-medium text-slate-700">{REQUEST_STATUS[r.status]}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="text-sm text-slate-600">
            {mine.direct ? "Time off you add here is on your schedule at once." : "The business approves each request before it is on your schedule."}
          </p>
          <TimeOffRequestForm today={today} direct={mine.direct} />
        </div>
      </Card>
    </section>
  );
}
