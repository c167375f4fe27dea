import { StatusBadge } from "@/components/booking/status-badge";
import { SyncBadge } from "@/components/calendar/sync-badge";
import type { CalendarSyncStatus } from "@/db/schema";
import { zonedTime } from "@/lib/availability";
import type { DashboardAppointment } from "@/lib/booking/read";
import { availableActions, parseStatusFilter, parseView } from "@/lib/provider/appointments";
import { buttonClass } from "@/components/ui/button";
import { dashboardHref } from "../dashboard-href";
import Link from "next/link";
import type { ReactNode } from "react";
import { ConflictMark } from "@/components/dashboard/schedule-grid";
import { AppointmentActions, ReassignForm, type ListState } from "./appointment-actions";

const sourceLabels: Record<string, string> = { walk_in: "Walk-in", phone: "Phone booking" };

export function AppointmentCard({
  appointment: a,
  timezone,
  now,
  list,
  syncStatus,
  reassign,
  conflict,
  conflictActions,
}: {
  appointment: DashboardAppointment;
  timezone: string;
  now: Date;
  list: ListState;
  /** Set while Google Calendar sync is on and the appointment has a mapping. */
  syncStatus?: CalendarSyncStatus;
  /**
   * PRO, an upcoming staff appointment: a link that opens the reassign choice on this card (a
   * GET, so it works without JavaScript), and once open, who could take it.
   */
  reassign?: { openHref: string; options: { id: string; name: string }[] | null };
  /** Outside working time since time off, hours or a closed date changed (lib/booking/schedule.ts). */
  conflict?: boolean;
  /** With a conflict: asking the client to reschedule, or keeping it (reassign and cancel are the card's own). */
  conflictActions?: ReactNode;
}) {
  const actions = availableActions(a, now);
  // The provider moves any appointment that still holds its time, back to where it was opened.
  const holding = a.status === "pending" || a.status === "confirmed";
  const back = list.returnTo ?? dashboardHref({ view: parseView(list.view), status: parseStatusFilter(list.status), staff: list.staff });
  const rescheduleHref = `/dashboard/appointments/${a.id}/reschedule?${new URLSearchParams({ back })}`;
  const start = zonedTime(a.startsAt, timezone);
  const end = zonedTime(a.endsAt, timezone);
  return (
    <li id={`appointment-${a.id}`} className="scroll-mt-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={`${start} ${a.serviceName}, ${a.clientName}`}>
      <div className="flex flex-col gap-3 sm:flex-row sm:gap-6">
        <div className="shrink-0 sm:w-28">
          <p className="text-lg font-semibold tabular-nums text-slate-900">
            <time dateTime={a.startsAt.toISOString()}>{start}</time>
          </p>
          <p className="text-sm tabular-nums text-slate-500">
            to <time dateTime={a.endsAt.toISOString()}>{end}</time>
          </p>
        </div>
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold text-slate-900">{a.serviceName}</h3>
            <StatusBadge status={a.status} holdUntil={a.holdUntil} />
            {conflict ? <ConflictMark /> : null}
            {syncStatus ? <SyncBadge status={syncStatus} /> : null}
            {sourceLabels[a.source] ? (
              <span className="rounded-full bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-800 ring-1 ring-inset ring-sky-200">
                {sourceLabels[a.source]}
              </span>
            ) : null}
          </div>
          {a.staffName ? (
            <p className="flex flex-wrap items-baseline gap-x-3 text-sm text-slate-600">
              <span>With {a.staffName}</span>
              {reassign && !reassign.options ? (
                <Link href={reassign.openHref} scroll={false} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                  Reassign…
                </Link>
              ) : null}
            </p>
          ) : null}
          {reassign?.options ? (
            reassign.options.length ? (
              <ReassignForm appointmentId={a.id} clientName={a.clientName} options={reassign.options} list={list} />
            ) : (
              <p className="text-sm text-slate-500">Nobody else who provides this service is free then.</p>
            )
          ) : null}
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-500">Client</dt>
            <dd className="break-words text-slate-900">{a.clientName}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd className="break-all">
              <a href={`mailto:${a.clientEmail}`} className="text-indigo-700 underline-offset-2 hover:underline">
                {a.clientEmail}
              </a>
            </dd>
            {a.clientPhone ? (
              <>
                <dt className="text-slate-500">Phone</dt>
                <dd>
                  <a href={`tel:${a.clientPhone.replace(/[^0-9+]/g, "")}`} className="text-indigo-700 underline-offset-2 hover:underline">
                    {a.clientPhone}
                  </a>
                </dd>
              </>
            ) : null}
            {a.notes ? (
              <>
                <dt className="text-slate-500">Notes</dt>
                <dd className="whitespace-pre-line break-words text-slate-900">{a.notes}</dd>
              </>
            ) : null}
            {a.status === "cancelled" && a.cancellationReason ? (
              <>
                <dt className="text-slate-500">Reason</dt>
                <dd className="whitespace-pre-line break-words text-slate-900">{a.cancellationReason}</dd>
              </>
            ) : null}
          </dl>
          {conflict && conflictActions ? (
            <div className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-inset ring-amber-300">
              <p>Outside working time: reassign, ask the client to reschedule, cancel, or keep it.</p>
              {conflictActions}
            </div>
          ) : null}
          {actions.length || holding ? (
            <div className="space-y-3 border-t border-slate-100 pt-3">
              {holding ? (
                <Link href={rescheduleHref} className={buttonClass("secondary")} aria-label={`Reschedule ${a.clientName}'s appointment`}>
                  Reschedule…
                </Link>
              ) : null}
              <AppointmentActions appointmentId={a.id} clientName={a.clientName} clientEmail={a.clientEmail} actions={actions} list={list} />
            </div>
          ) : null}
        </div>
      </div>
    </li>
  );
}
