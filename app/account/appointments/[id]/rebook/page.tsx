import type { Metadata } from "next";
import { rebookAppointmentAction } from "@/app/_manage/actions";
import { ownAppointmentOrNotFound } from "@/app/_manage/caller";
import { BackToAppointments } from "@/app/_manage/manage-appointment";
import { PickSection } from "@/app/_manage/pick-section";
import { parsePickerChoice } from "@/lib/booking/picker";

export const metadata: Metadata = { title: "Book again", robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Book again: same business, service and staff member as one of the client's appointments, a new time. */
export default async function RebookPage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = await searchParams;
  const a = await ownAppointmentOrNotFound(id);
  const path = `/account/appointments/${a.id}/rebook`;

  return (
    <div className="space-y-6">
      <BackToAppointments />
      <header className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">
          Book again: {a.service.name} at {a.provider.businessName}
        </h1>
        {a.staffId ? <p className="text-sm text-slate-600">With the same staff member as last time.</p> : null}
      </header>
      <PickSection
        path={path}
        params={{}}
        appointment={a}
        choice={parsePickerChoice(sp)}
        title="Pick a new time"
        confirmHeading="Confirm your booking"
        confirmLabel="Book this time"
        pendingLabel="Booking…"
        action={rebookAppointmentAction.bind(null, a.id)}
        showOld={false}
        cancelHref={`/account/appointments/${a.id}`}
        cancelLabel="Back to the appointment"
      />
    </div>
  );
}
