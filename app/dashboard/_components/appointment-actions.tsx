"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { TextField } from "@/components/ui/field";
import { ReassignFields } from "@/components/staff/reassign-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/infra/action-state";
import type { AppointmentAction, DashboardAction } from "@/lib/provider/appointments";
import { appointmentStatusAction, cancelAppointmentAction, cancelUpcomingOfEmailAction, reassignFromDashboardAction } from "../actions";

const labels: Record<AppointmentAction, { label: string; pending: string; variant: "primary" | "secondary" }> = {
  confirm: { label: "Confirm", pending: "Confirming…", variant: "primary" },
  complete: { label: "Complete", pending: "Saving…", variant: "secondary" },
  no_show: { label: "No-show", pending: "Saving…", variant: "secondary" },
  undo_no_show: { label: "Undo no-show", pending: "Saving…", variant: "secondary" },
};

export type ListState = { view: string; status: string; staff?: string; returnTo?: string };

/** A refused action's message beside its button. */
function FormError({ message, className = "" }: { message?: string; className?: string }) {
  return message ? (
    <p role="alert" className={`text-sm text-red-600 ${className}`.trim()}>
      {message}
    </p>
  ) : null;
}

function Hidden({ appointmentId, list }: { appointmentId: string; list: ListState }) {
  return (
    <>
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <input type="hidden" name="view" value={list.view} />
      <input type="hidden" name="status" value={list.status} />
      {list.staff ? <input type="hidden" name="staff" value={list.staff} /> : null}
      {list.returnTo ? <input type="hidden" name="returnTo" value={list.returnTo} /> : null}
    </>
  );
}

/** Reassign from the card: the qualified members free at that time, checked again on the server. */
export function ReassignForm({
  appointmentId,
  clientName,
  options,
  list,
}: {
  appointmentId: string;
  clientName: string;
  options: { id: string; name: string }[];
  list: ListState;
}) {
  const [state, formAction] = useActionState(reassignFromDashboardAction, initialActionState);
  const error = state.fieldErrors?.toStaffId?.[0] ?? state.message;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      <Hidden appointmentId={appointmentId} list={list} />
      <ReassignFields appointmentId={appointmentId} clientName={clientName} options={options} error={error} />
    </form>
  );
}

function StatusForm({ appointmentId, action, list }: { appointmentId: string; action: AppointmentAction; list: ListState }) {
  const [state, formAction] = useActionState(appointmentStatusAction, initialActionState);
  const l = labels[action];
  return (
    <form action={formAction}>
      <Hidden appointmentId={appointmentId} list={list} />
      <input type="hidden" name="action" value={action} />
      <SubmitButton variant={l.variant} pendingLabel={l.pending}>
        {l.label}
      </SubmitButton>
      <FormError message={state.message} className="mt-1" />
    </form>
  );
}

function CancelForm({ appointmentId, clientName, list }: { appointmentId: string; clientName: string; list: ListState }) {
  const [state, formAction] = useActionState(cancelAppointmentAction, initialActionState);
  const fieldError = state.fieldErrors?.reason;
  return (
    <form action={formAction} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <Hidden appointmentId={appointmentId} list={list} />
      <div className="flex-1">
        <TextField
          id={`reason-${appointmentId}`}
          label="Reason for cancelling (the client sees this)"
          name="reason"
          defaultValue={state.values?.reason ?? ""}
          errors={fieldError}
          maxLength={500}
          placeholder="Optional"
        />
      </div>
      <ConfirmButton confirm={`Cancel ${clientName}'s appointment? They will be told by email.`} pendingLabel="Cancelling…">
        Cancel appointment
      </ConfirmButton>
      <FormError message={fieldError ? undefined : state.message} />
    </form>
  );
}

/** Cancels every upcoming booking with this card's email: for one guest filling the calendar. */
function CancelEmailForm({ appointmentId, clientEmail, list }: { appointmentId: string; clientEmail: string; list: ListState }) {
  const [state, formAction] = useActionState(cancelUpcomingOfEmailAction, initialActionState);
  return (
    <form action={formAction}>
      <Hidden appointmentId={appointmentId} list={list} />
      <ConfirmButton
        confirm={`Cancel every upcoming booking made with ${clientEmail}? Each is cancelled and the guest is told by email.`}
        pendingLabel="Cancelling…"
      >
        Cancel all upcoming from this email
      </ConfirmButton>
      <FormError message={state.message} className="mt-1" />
    </form>
  );
}

/** The buttons of one appointment card; each reports its own failure beside it. */
export function AppointmentActions({
  appointmentId,
  clientName,
  clientEmail,
  actions,
  list,
}: {
  appointmentId: string;
  clientName: string;
  clientEmail: string;
  actions: DashboardAction[];
  list: ListState;
}) {
  const statusActions = actions.filter((a): a is AppointmentAction => a !== "cancel");
  return (
    <div className="space-y-3">
      {statusActions.length ? (
        <div className="flex flex-wrap items-start gap-2">
          {statusActions.map((action) => (
            <StatusForm key={action} appointmentId={appointmentId} action={action} list={list} />
          ))}
        </div>
      ) : null}
      {actions.includes("cancel") ? <CancelForm appointmentId={appointmentId} clientName={clientName} list={list} /> : null}
      {actions.includes("cancel") ? <CancelEmailForm appointmentId={appointmentId} clientEmail={clientEmail} list={list} /> : null}
    </div>
  );
}
