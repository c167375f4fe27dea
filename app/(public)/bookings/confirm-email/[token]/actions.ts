"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/app/runtime";
import { confirmHold } from "@/lib/booking/hold";

/**
 * Confirms a booking hold, only on the POST from the landing page's button: opening the link
 * (a mail scanner, a preview) changes nothing. Public: the mailed token is the proof. Confirmed,
 * the guest lands on their booking (a client with an account, in the portal); refused, back on
 * the landing page, which says why (lapsed, already confirmed).
 */
export async function confirmHoldAction(formData: FormData): Promise<void> {
  const token = formData.get("token");
  const path = `/bookings/confirm-email/${encodeURIComponent(typeof token === "string" ? token : "")}`;
  if (typeof token !== "string") redirect(path);
  const result = await confirmHold(await getDb(), token);
  if (!result.ok) redirect(`${path}?refused=${result.reason}`);
  if (result.manageToken) redirect(`/bookings/${encodeURIComponent(result.manageToken)}?emailConfirmed=1`);
  redirect(`/account/appointments/${result.appointment.id}?emailConfirmed=1`);
}
