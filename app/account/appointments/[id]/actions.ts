"use server";

import { notFound } from "next/navigation";
import type { SlotFormState } from "@/lib/booking/slot-options";
import { keepPicking, slotRefusal } from "@/app/(public)/_lib/slot-times";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { requireUser } from "@/lib/app/guards";
import type { AppointmentView } from "@/lib/booking/read";
import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/manage";
import { cancelRequestSchema, rescheduleRequestSchema } from "@/lib/booking/schema";
import { getOwnAppointment } from "@/lib/portal/appointment";
import { rebookAppointment } from "@/lib/portal/rebook";

/*
 * The owner's actions on one appointment. The id comes bound from the page's route and every
 * lookup is by that id AND the signed-in client: anyone else (another client, a provider or
 * staff login) gets a 404 and nothing changes.
 */

const pagePath = (id: string) => `/account/appointments/${id}`;

async function authoriseOwner(id: string) {
  const user = await requireUser();
  const db = await getDb();
  const appointment = await getOwnAppointment(db, user, id);
  if (!appointment) notFound();
  return { db, user, appointment };
}

/** A refused time comes back with that day's free times, so another can be picked at once. */
async function offerOtherTimes(
  state: SlotFormState,
  ctx: { db: Awaited<ReturnType<typeof getDb>>; appointment: AppointmentView },
  formData: FormData,
  error?: unknown,
): Promise<SlotFormState> {
  const a = ctx.appointment;
  const scope = { providerId: a.provider.id, serviceId: a.service.id, staffId: a.staffId, timezone: a.provider.timezone };
  return (error ? await slotRefusal(ctx.db, error, scope, formData) : null) ?? keepPicking(ctx.db, state, scope, formData);
}

export const cancelOwnAppointmentAction = formAction({
  authorise: authoriseOwner,
  schema: cancelRequestSchema,
  call: ({ db, user, appointment }, { reason }) =>
    cancelAppointment(db, { appointmentId: appointment.id, actor: { kind: "client", userId: user.id }, reason }),
  done: ({ appointment }) => ({
    revalidate: ["/account", pagePath(appointment.id)],
    redirect: `${pagePath(appointment.id)}?cancelled=1`,
  }),
});

export const rescheduleOwnAppointmentAction = formAction({
  authorise: authoriseOwner,
  schema: rescheduleRequestSchema,
  call: ({ db, user, appointment }, { start }) =>
    rescheduleAppointment(db, { appointmentId: appointment.id, actor: { kind: "client", userId: user.id }, start: new Date(start) }),
  done: ({ appointment }) => ({
    revalidate: ["/account", pagePath(appointment.id)],
    redirect: `${pagePath(appointment.id)}?rescheduled=1`,
  }),
  refine: offerOtherTimes,
});

export const rebookAction = formAction({
  authorise: authoriseOwner,
  schema: rescheduleRequestSchema,
  call: ({ db, user, appointment }, { start }) =>
    rebookAppointment(db, { userId: user.id, appointmentId: appointment.id, start: new Date(start) }),
  done: (_ctx, _input, newId) => ({ revalidate: ["/account"], redirect: `${pagePath(newId)}?booked=1` }),
  refine: offerOtherTimes,
});
