"use server";

import type { SlotFormState } from "@/lib/booking/slot-options";
import { keepPicking, slotRefusal } from "../../_lib/slot-times";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/manage";
import { getAppointmentByToken } from "@/lib/booking/read";
import { cancelRequestSchema, rescheduleRequestSchema } from "@/lib/booking/schema";
import { AppError } from "@/lib/infra/errors";

/*
 * The guest's manage-link actions. The token is bound from the page's route, and the
 * appointment is always found by that token, never by an id from the form: the link is
 * the guest's whole authority, so a form cannot point the action at anyone else's booking.
 */

const managePath = (token: string) => `/bookings/${encodeURIComponent(token)}`;

async function authoriseToken(token: string) {
  const db = await getDb();
  const appointment = await getAppointmentByToken(db, token);
  if (!appointment) throw new AppError("NOT_FOUND", "We couldn't find that appointment. The link may be incomplete.");
  return { db, token, appointment };
}

export const cancelBookingAction = formAction({
  authorise: authoriseToken,
  schema: cancelRequestSchema,
  call: ({ db, token, appointment }, { reason }) =>
    cancelAppointment(db, { appointmentId: appointment.id, actor: { kind: "guest", token }, reason }),
  done: ({ token }) => ({ revalidate: [managePath(token)], redirect: `${managePath(token)}?cancelled=1` }),
});

export const rescheduleBookingAction = formAction({
  authorise: authoriseToken,
  schema: rescheduleRequestSchema,
  call: ({ db, token, appointment }, { start }) =>
    rescheduleAppointment(db, { appointmentId: appointment.id, actor: { kind: "guest", token }, start: new Date(start) }),
  done: ({ token }) => ({ revalidate: [managePath(token)], redirect: `${managePath(token)}?rescheduled=1` }),
  // A refused time comes back with that day's free times, so another can be picked at once.
  refine: async (state, { db, appointment: a }, formData, error): Promise<SlotFormState> => {
    const scope = { providerId: a.provider.id, serviceId: a.service.id, staffId: a.staffId, timezone: a.provider.timezone };
    return (error ? await slotRefusal(db, error, scope, formData) : null) ?? keepPicking(db, state, scope, formData);
  },
});
