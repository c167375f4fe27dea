"use server";

import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/manage";
import { cancelRequestSchema, rescheduleRequestSchema } from "@/lib/booking/schema";
import type { SlotFormState } from "@/lib/booking/slot-options";
import { offerOtherTimes, timesScopeOf } from "@/lib/booking/slot-times";
import type { ActionState } from "@/lib/infra/action-state";
import { formAction } from "@/lib/infra/actions";
import { rebookAppointment } from "@/lib/portal/rebook";
import { proveCaller, type ProvenCaller } from "./caller";

/*
 * The manage surface's actions, one set for the guest's link and the client's page: the page
 * binds who calls (`by`: "guest" with the token, "client" with the appointment's id) and
 * proveCaller checks it again on every call (caller.ts). The rest is the same for both.
 */

/** A refused time comes back with that day's free times, so another can be picked at once. */
const offerTimes = (state: ActionState, ctx: ProvenCaller, formData: FormData, error?: unknown): Promise<SlotFormState> =>
  offerOtherTimes(ctx.db, state, timesScopeOf(ctx.appointment), formData, error);

export const cancelAppointmentAction = formAction({
  authorise: proveCaller,
  schema: cancelRequestSchema,
  call: ({ db, appointment, actor }, { reason }) => cancelAppointment(db, { appointmentId: appointment.id, actor, reason }),
  done: ({ path, revalidate }) => ({ revalidate, redirect: `${path}?cancelled=1` }),
});

export const rescheduleAppointmentAction = formAction({
  authorise: proveCaller,
  schema: rescheduleRequestSchema,
  call: ({ db, appointment, actor }, { start }) =>
    rescheduleAppointment(db, { appointmentId: appointment.id, actor, start: new Date(start) }),
  done: ({ path, revalidate }) => ({ revalidate, redirect: `${path}?rescheduled=1` }),
  refine: offerTimes,
});

/** Book again (clients only): the same business, service and member, a new time, on the client's account. */
export const rebookAppointmentAction = formAction({
  authorise: (appointmentId: string) => proveCaller("client", appointmentId),
  schema: rescheduleRequestSchema,
  call: ({ db, appointment, userId }, { start }) =>
    rebookAppointment(db, { userId: userId!, appointmentId: appointment.id, start: new Date(start) }),
  done: (_ctx, _input, newId) => ({ revalidate: ["/account"], redirect: `/account/appointments/${newId}?booked=1` }),
  refine: offerTimes,
});
