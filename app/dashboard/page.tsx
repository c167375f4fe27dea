import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { addDays } from "@/lib/availability";
import { zoneLabel } from "@/lib/infra/time";
import { formatLongDate } from "@/lib/availability/format";
import { requireProvider } from "@/lib/app/guards";
import {
  LIST_LIMIT,
  listDashboardAppointments,
  parseStatusFilter,
  parseView,
  STATUS_FILTERS,
  type StatusFilter,
} from "@/lib/provider/appointments";
import type { DashboardAppointment } from "@/lib/booking/read";
import { isPro } from "@/lib/plans/plans";
import { listStaff } from "@/lib/staff/members";
import { parseUuid } from "@/lib/infra/validation";
import { AppointmentCard } from "./_components/appointment-card";
import { calendarSyncStates } from "@/lib/calendar/integrations";
import { listConflicts } from "@/lib/booking/schedule";
import { ConflictActions } from "./_components/conflict-actions";
import { dashboardHref } from "./dashboard-href";
import { ownValue } from "@/lib/infra/text";
import { doneMessages } from "./done-messages";
import { canReassign, reassignOptionsOrNull } from "./reassign-options";

export const metadata: Metadata = { title: "Appointments" };

const statusLabels: Record<StatusFilter, string> = {
  all: "All",
  pending: "Pending",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};


type Search = { view?: string; status?: string; done?: string; staff?: string; reassign?: string };

export default async function AppointmentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { provider } = await requireProvider();
  const search = await searchParams;
  const view = parseView(search.view);
  const status = parseStatusFilter(search.status);
  const now = new Date();
  const tz = provider.timezone;
  const db = await getDb();
  // The staff filter names one of this provider's members (or "none"); anything else is ignored, with a message.
  const staff = await listStaff(db, provider.id);
  const staffParam = typeof search.staff === "string" ? search.staff.trim().toLowerCase() : "";
  const staffFilter = staffParam === "none" ? "none" : staff.find((m) => m.id === staffParam)?.id;
  const unknownStaff = staffParam !== "" && !staffFilter;
  const { today, truncated, days } = await listDashboardAppointments(
    db,
    { providerId: provider.id, timezone: tz, view, status, staff: staffFilter === "none" ? "none" : staffFilter ? { staffId: staffFilter } : undefined },
    now,
  );
  const tomorrow = addDays(today, 1);
  const list = { view, status, staff: staffFilter };
  // Reassigning from a card (PRO): the options of the one card opened with ?reassign=<id>.
  const pro = isPro(provider, now);
  const reassignId = pro ? parseUuid(search.reassign) : undefined;
  const reassignOptionsFor = reassignId ? await reassignOptionsOrNull(db, provider.id, reassignId, now) : null;
  const reassignable = (a: DashboardAppointment) => canReassign(pro, a, now);
  const syncStates = await calendarSyncStates(db, provider.id, days.flatMap((d) => d.appointments.map((a) => a.id)));
  const done = ownValue(doneMessages, search.done);
  const conflicts = view === "upcoming" ? await listConflicts(db, provider.id, now) : [];
  const conflictIds = new Set(conflicts.map((c) => c.id));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Appointments"
        description={`Times are shown in ${zoneLabel(tz, now)}.`}
        actions={<ButtonLink href="/dashboard/appointments/new">New appointment</ButtonLink>}
      />
      {done ? <Flash tone="success">{done}</Flash> : null}
      {conflicts.length ? (
        <Flash tone="warning">
          {conflicts.length === 1 ? "1 appointment falls" : `${conflicts.length} appointments fall`} outside working time (time off, hours or
          a closed date changed after booking); each is marked “Conflict” below.
        </Flash>
      ) : null}
      {unknownStaff ? <Flash tone="warning">We couldn&apos;t find that staff member, so everyone&apos;s appointments are shown.</Flash> : null}

      <div className="space-y-3">
        <nav aria-label="When" className="inline-flex rounded-md bg-slate-100 p-1">
          {(["upcoming", "past"] as const).map((v) => (
            <Link
              key={v}
              href={dashboardHref({ view: v, status, staff: staffFilter })}
              aria-current={v === view ? "page" : undefined}
              className={`min-h-9 rounded px-3 py-1.5 text-sm font-medium ${
                v === view ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
              }`}
            >
              {v === "upcoming" ? "Today & upcoming" : "Past"}
            </Link>
          ))}
        </nav>
        {staff.length ? (
          // A GET form: filtering works without JavaScript, and the choice stays in the URL.
          <form method="get" action="/dashboard" className="flex flex-wrap items-end gap-2">
            {view !== "upcoming" ? <input type="hidden" name="view" value={view} /> : null}
            {status !== "all" ? <input type="hidden" name="status" value={status} /> : null}
            <label className="text-sm text-slate-700">
              <span className="block">Staff member</span>
              <select
                name="staff"
                defaultValue={staffFilter ?? ""}
                className="mt-1 max-w-full rounded-md border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
              >
                <option value="">Everyone</option>
                {staff.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                    {m.active ? "" : " (inactive)"}
                  </option>
                ))}
                <option value="none">No staff member</option>
              </select>
            </label>
            <button type="submit" className={buttonClass("secondary")}>
              Show
            </button>
          </form>
        ) : null}
        <nav aria-label="Status" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
          <ul className="flex min-w-max gap-2">
            {STATUS_FILTERS.map((s) => (
              <li key={s}>
                <Link
                  href={dashboardHref({ view, status: s, staff: staffFilter })}
                  aria-current={s === status ? "true" : undefined}
                  className={`inline-flex min-h-9 items-center rounded-full px-3 py-1 text-sm ring-1 ring-inset ${
                    s === status ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
                  }`}
                >
                  {statusLabels[s]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      {days.length === 0 ? (
        status === "all" && view === "upcoming" ? (
          <EmptyState
            title="Nothing booked yet"
            action={<ButtonLink href={`/p/${provider.slug}`} variant="secondary">Open your booking page</ButtonLink>}
          >
            Share your booking page <span className="font-medium">/p/{provider.slug}</span> with clients, or add a walk-in
            or phone booking with “New appointment”.
          </EmptyState>
        ) : (
          <EmptyState
            title={`No ${status === "all" ? "" : `${statusLabels[status].toLowerCase()} `}appointments ${view === "past" ? "in the past" : "from today on"}`}
            action={
              status !== "all" ? (
                <ButtonLink href={dashboardHref({ view })} variant="secondary">
                  Show all
                </ButtonLink>
              ) : undefined
            }
          />
        )
      ) : (
        <div className="space-y-8">
          {days.map((day) => (
            <section key={day.date} aria-labelledby={`day-${day.date}`} className="space-y-3">
              <h2 id={`day-${day.date}`} className="flex items-baseline gap-2 text-base font-semibold text-slate-900">
                {formatLongDate(day.date)}
                {day.date === today ? <span className="text-sm font-medium text-indigo-700">Today</span> : null}
                {day.date === tomorrow ? <span className="text-sm font-medium text-slate-500">Tomorrow</span> : null}
              </h2>
              <ul className="space-y-3">
                {day.appointments.map((a) => (
                  <AppointmentCard
                    key={a.id}
                    appointment={a}
                    timezone={tz}
                    now={now}
                    list={list}
                    syncStatus={syncStates.get(a.id)}
                    conflict={conflictIds.has(a.id)}
                    conflictActions={
                      conflictIds.has(a.id) ? (
                        <ConflictActions appointmentId={a.id} clientName={a.clientName} back={dashboardHref({ view, status, staff: staffFilter })} />
                      ) : undefined
                    }
                    reassign={
                      reassignable(a)
                        ? {
                            openHref: `${dashboardHref({ view, status, staff: staffFilter, reassign: a.id })}#appointment-${a.id}`,
                            options: a.id === reassignId ? reassignOptionsFor : null,
                          }
                        : undefined
                    }
                  />
                ))}
              </ul>
            </section>
          ))}
          {truncated ? (
            <p className="text-sm text-slate-600">
              Showing the first {LIST_LIMIT} appointments. Use the status filter to narrow the list.
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
