import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/app/runtime";
import { getAppointmentByToken, type AppointmentView } from "@/lib/booking/read";

/** The appointment behind a manage link, once per request (layout and page share it); unknown → 404. */
export const getAppointmentOrNotFound = cache(async (token: string): Promise<AppointmentView> => {
  const appointment = await getAppointmentByToken(await getDb(), token);
  if (!appointment) notFound();
  return appointment;
});
