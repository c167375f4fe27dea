import type { Metadata } from "next";
import { ownAppointmentOrNotFound } from "@/app/_manage/caller";
import { confirmationChannels } from "@/app/_manage/confirmation";
import { ManageAppointment } from "@/app/_manage/manage-appointment";
import type { SearchParams } from "@/lib/booking/picker";

export const metadata: Metadata = { title: "Appointment", robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/** The client's own appointment: being signed in as its owner is their proof (app/_manage). */
export default async function OwnAppointmentPage({ params, searchParams }: Props) {
  const { id } = await params;
  const appointment = await ownAppointmentOrNotFound(id);
  const sp = await searchParams;
  return <ManageAppointment caller={{ by: "client", appointmentId: appointment.id }} appointment={appointment} searchParams={sp} confirmation={sp.booked === "1" ? await confirmationChannels(appointment) : null} />;
}
