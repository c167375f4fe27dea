"use server";

import { getDb } from "@/lib/app/runtime";
import { FIND_REQUESTED_MESSAGE, sendBookingLinks } from "@/lib/booking/find";
import { emailLinkAction } from "@/lib/infra/actions";

/** "Find my booking": the same answer whether or not the email has bookings. Public. */
export const findBookingsAction = emailLinkAction({
  send: async (email, ip) => sendBookingLinks(await getDb(), email, ip),
  message: FIND_REQUESTED_MESSAGE,
});
