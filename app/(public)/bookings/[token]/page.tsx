import type { Metadata } from "next";
import { guestAppointmentOrNotFound } from "@/app/_manage/caller";
import { confirmationChannels } from "@/app/_manage/confirmation";
import { ManageAppointment } from "@/app/_manage/manage-appointment";
import type { SearchParams } from "@/lib/booking/picker";

// The token in the URL is the guest's key: keep the page out of search engines and the key
// out of Referer headers sent to other sites.
export const metadata: Metadata = {
  title: "Your appointment",
  robots: { index: false, follow: false },
  referrer: "same-origin",
};

type Props = { params: Promise<{ token: string }>; searchParams: Promise<SearchParams> };

/** The guest's manage page: the token is their proof (app/_manage). */
export default async function ManageBookingPage({ params, searchParams }: Props) {
  const { token } = await params;
  const appointment = await guestAppointmentOrNotFound(token);
  const sp = await searchParams;
  return <ManageAppointment caller={{ by: "guest", token }} appointment={appointment} searchParams={sp} confirmation={sp.booked === "1" ? await confirmationChannels(appointment) : null} />;
}
