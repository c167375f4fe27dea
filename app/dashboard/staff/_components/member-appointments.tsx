import { ConfirmButton } from "@/components/ui/confirm-button";
import { ReassignFields } from "@/components/staff/reassign-fields";
import { formatWhen } from "@/lib/availability/format";
import type { StaffAppointment } from "@/lib/booking/read";
import { cancelMemberAppointmentAction, reassignAppointmentAction } from "../actions";
import { ConflictMark } from "@/components/dashboard/schedule-grid";
import { ConflictActions } from "../../_components/conflict-actions";

/**
 * A member's upcoming appointments, each with "reassign to" (the qualified members free then)
 * and "cancel" (the client is told). Used on the member's page and on the page that resolves
 * their future appointments before they are deactivated or deleted; `back` says where to return.
 */
export function MemberAppointments({
  memberId,
  memberName,
  timezone,
  appointments,
  options,
  back,
  conflicts,
}: {
  memberId: string;
  memberName: string;
  timezone: string;
  appointments: StaffAppointment[];
  /** Per appointment (same order), who could take it. */
  options: { id: string; name: string }[][];
  back: { to: "member" } | { to: "resolve"; then: "deactivate" | "delete" };
  /** Ids of the appointments outside working time: marked, with "ask to reschedule" and "keep". */
  conflicts?: Set<string>;
}) {
  const hidden = (appointmentId: string) => (
    <>
      <input type="hidden" name="staffId" value={memberId} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <input type="hidden" name="back" value={back.to} />
      {back.to === "resolve" ? <input type="hidden" name="then" value={back.then} /> : null}
    </>
  );
  return (
    <ul className="divide-y divide-slate-100" aria-label={`Upcoming appointments of ${memberName}`}>
      {appointments.map((a, i) => (
        <li key={a.id} className="space-y-2 py-3 text-sm">
          <div>
            <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
              {formatWhen(a.startsAt, a.endsAt, timezone)}
              {conflicts?.has(a.id) ? <ConflictMark /> : null}
            </p>
            <p className="break-words text-slate-600">
              {a.serviceName} · {a.clientName}
            </p>
          </div>
          <div className="flex flex-wrap items-end gap-2">
            {options[i]?.length ? (
              <form action={reassignAppointmentAction} className="flex flex-wrap items-end gap-2">
                {hidden(a.id)}
                <ReassignFields appointmentId={a.id} clientName={a.clientName} options={options[i]!} />
              </form>
            ) : (
              <p className="text-slate-500">Nobody else who provides this service is free then.</p>
            )}
            <form action={cancelMemberAppointmentAction}>
              {hidden(a.id)}
              <ConfirmButton confirm={`Cancel ${a.clientName}'s appointment? They will be told by email.`} pendingLabel="Cancelling…">
                Cancel appointment
              </ConfirmButton>
            </form>
          </div>
          {conflicts?.has(a.id) ? (
            <div className="space-y-2 rounded-md bg-amber-50 p-3 text-amber-950 ring-1 ring-inset ring-amber-300">
              <p>Outside {memberName}&apos;s working time: reassign or cancel above, ask the client to choose a new time, or keep it.</p>
              <ConflictActions appointmentId={a.id} clientName={a.clientName} back={`/dashboard/staff/${memberId}`} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
