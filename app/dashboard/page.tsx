import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/runtime";
import { addDays } from "@/lib/availability";
import { zoneLabel } from "@/lib/time";
import { formatLongDate } from "@/lib/format";
import { requireProvider } from "@/lib/auth/guards";
import { LIST_LIMIT, listDashboardAppointments, parseStatusFilter, parseView, STATUS_FILTERS, type StatusFilter } from "@/lib/provider/appointments";
import { AppointmentCard } from "./_components/appointment-card";
import { calendarSyncStates } from "@/lib/calendar/dashboard";
import { dashboardHref } from "./dashboard-href";
import { ownValue } from "@/lib/text";

export const metadata: Metadata = { title: "Appointments" };

const statusLabels: Record<StatusFilter, string> = {
  all: "All",
  pending: "Pending",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

const doneMessages: Record<string, string> = {
  confirm: "Appointment confirmed. The client has been emailed.",
  complete: "Appointment marked as completed.",
  no_show: "Appointment marked as a no-show.",
  cancel: "Appointment cancelled. The client has been emailed.",
  created: "Appointment booked.",
};

type Search = { view?: string; status?: string; done?: string };

export default async function AppointmentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { provider } = await requireProvider();
  const search = await searchParams;
  const view = parseView(search.view);
  const status = parseStatusFilter(search.status);
  const now = new Date();
  const tz = provider.timezone;
  const { today, truncated, days } = await listDashboardAppointments(
    await getDb(),
    { providerId: provider.id, timezone: tz, view, status },
    now,
  );
  const tomorrow = addDays(today, 1);
  const list = { view, status };
  const syncStates = await calendarSyncStates(provider.id, days.flatMap((d) => d.appointments.map((a) => a.id)));
  const done = ownValue(doneMessages, search.done);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Appointments"
        description={`Times are shown in ${zoneLabel(tz, now)}.`}
        actions={<ButtonLink href="/dashboard/appointments/new">New appointment</ButtonLink>}
      />
      {done ? <Flash tone="success">{done}</Flash> : null}

      <div className="space-y-3">
        <nav aria-label="When" className="inline-flex rounded-md bg-slate-100 p-1">
          {(["upcoming", "past"] as const).map((v) => (
            <Link
              key={v}
              href={dashboardHref({ view: v, status })}
              aria-current={v === view ? "page" : undefined}
              className={`min-h-9 rounded px-3 py-1.5 text-sm font-medium ${
                v === view ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
              }`}
            >
              {v === "upcoming" ? "Today & upcoming" : "Past"}
            </Link>
          ))}
        </nav>
        <nav aria-label="Status" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
          <ul className="flex min-w-max gap-2">
            {STATUS_FILTERS.map((s) => (
              <li key={s}>
                <Link
                  href={dashboardHref({ view, status: s })}
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
                  <AppointmentCard key={a.id} appointment={a} timezone={tz} now={now} list={list} syncStatus={syncStates.get(a.id)} />
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
