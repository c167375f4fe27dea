import type { Metadata } from "next";
import { cancelOwnAppointmentAction, rescheduleOwnAppointmentAction } from "./actions";
import { CancelForm } from "@/components/booking/cancel-form";
import { RescheduleButton, RescheduleSection } from "@/components/booking/pick-section";
import { BackToAppointments, ownAppointmentOrNotFound } from "./own-appointment";
import { AppointmentSummary } from "@/components/booking/appointment-summary";
import { StatusBadge } from "@/components/booking/status-badge";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import type { AppointmentView } from "@/lib/booking/read";
import { formatWhen } from "@/lib/availability/format";

export const metadata: Metadata = { title: "Appointment", robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OwnAppointmentPage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = await searchParams;
  const a = await ownAppointmentOrNotFound(id);

  const holding = a.status === "pending" || a.status === "confirmed";
  const path = `/account/appointments/${a.id}`;
  const rescheduling = sp.reschedule === "1" && holding && a.canReschedule;

  return (
    <div className="space-y-6">
      <BackToAppointments />
      <Flashes sp={sp} appointment={a} />
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">
          {a.service.name} at {a.provider.businessName}
        </h1>
        <StatusBadge status={a.status} />
      </header>

      <Card>
        <AppointmentSummary appointment={a} />
        {a.status === "pending" ? (
          <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Waiting for {a.provider.businessName} to confirm. Your time is held meanwhile.
          </p>
        ) : null}
        <div className="mt-6 flex flex-wrap gap-2 border-t border-slate-100 pt-4">
          {a.status === "confirmed" ? (
            <a href={`${path}/ics`} download="appointment.ics" className={buttonClass("secondary")}>
              Add to calendar
            </a>
          ) : null}
          {holding && a.canReschedule && !rescheduling ? (
            <RescheduleButton path={path} />
          ) : null}
          {a.service.active && !holding ? (
            <ButtonLink href={`${path}/rebook`} variant="secondary">
              Book again
            </ButtonLink>
          ) : null}
        </div>
      </Card>

      {rescheduling ? (
        <RescheduleSection path={path} appointment={a} searchParams={sp} action={rescheduleOwnAppointmentAction.bind(null, a.id)} />
      ) : null}

      {holding && a.canCancel ? (
        <Card title="Cancel">
          <CancelForm action={cancelOwnAppointmentAction.bind(null, a.id)} />
        </Card>
      ) : null}

      {holding && !a.canCancel && a.blockedReason ? (
        <Card title="Need to change this appointment?">
          <p className="text-sm text-slate-700">{a.blockedReason}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            {a.provider.phone ? (
              <a href={`tel:${a.provider.phone.replace(/[^0-9+]/g, "")}`} className={buttonClass("secondary")}>
                Call {a.provider.phone}
              </a>
            ) : null}
            {a.provider.email ? (
              <a href={`mailto:${a.provider.email}`} className={buttonClass("secondary")}>
                Email {a.provider.businessName}
              </a>
            ) : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}

function Flashes({ sp, appointment: a }: { sp: Record<string, string | string[] | undefined>; appointment: AppointmentView }) {
  if (sp.cancelled === "1" && a.status === "cancelled") return <Flash tone="success">Your appointment has been cancelled.</Flash>;
  if (sp.rescheduled === "1") {
    return <Flash tone="success">Your appointment has been moved to {formatWhen(a.start, a.end, a.provider.timezone)}.</Flash>;
  }
  if (sp.booked === "1") return <Flash tone="success">You&apos;re booked! A confirmation is on its way to {a.clientEmail}.</Flash>;
  return null;
}
