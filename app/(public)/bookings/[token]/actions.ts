"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { SlotFormState } from "../../_lib/form-state";
import { keepPicking, slotRefusal } from "../../_lib/slot-times";
import { getDb } from "@/lib/runtime";
import type { ActionState } from "@/lib/action-state";
import { toActionError, validationState } from "@/lib/action-state";
import { cancelAppointment, getAppointmentByToken, rescheduleAppointment } from "@/lib/booking/manage";
import { cancelRequestSchema, rescheduleRequestSchema } from "@/lib/booking/schema";

/*
 * The guest's manage-link actions. The token is bound from the page's route, and the
 * appointment is always found by that token, never by an id from the form: the link is
 * the guest's whole authority, so a form cannot point the action at anyone else's booking.
 */

const gone: ActionState = { ok: false, message: "We couldn't find that appointment. The link may be incomplete." };

const managePath = (token: string) => `/bookings/${encodeURIComponent(token)}`;

export async function cancelBookingAction(token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const db = await getDb();
  const appointment = await getAppointmentByToken(db, token);
  if (!appointment) return gone;

  const parsed = cancelRequestSchema.safeParse({ reason: formData.get("reason") ?? undefined });
  if (!parsed.success) return validationState(parsed.error, formData);

  try {
    await cancelAppointment(db, { appointmentId: appointment.id, actor: { kind: "guest", token }, reason: parsed.data.reason });
  } catch (e) {
    return toActionError(e, formData);
  }
  revalidatePath(managePath(token));
  redirect(`${managePath(token)}?cancelled=1`);
}

export async function rescheduleBookingAction(token: string, _prev: SlotFormState, formData: FormData): Promise<SlotFormState> {
  const db = await getDb();
  const appointment = await getAppointmentByToken(db, token);
  if (!appointment) return gone;
  const scope = {
    providerId: appointment.provider.id,
    serviceId: appointment.service.id,
    staffId: appointment.staffId,
    timezone: appointment.provider.timezone,
  };

  const parsed = rescheduleRequestSchema.safeParse({ start: formData.get("start") });
  if (!parsed.success) return keepPicking(db, validationState(parsed.error, formData), scope, formData);
  const start = new Date(parsed.data.start);

  try {
    await rescheduleAppointment(db, { appointmentId: appointment.id, actor: { kind: "guest", token }, start });
  } catch (e) {
    return (
      (await slotRefusal(db, e, scope, formData)) ??
      keepPicking(db, toActionError(e, formData), scope, formData)
    );
  }
  revalidatePath(managePath(token));
  redirect(`${managePath(token)}?rescheduled=1`);
}
