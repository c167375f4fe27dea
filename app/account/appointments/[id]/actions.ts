"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import type { SlotFormState } from "@/app/(public)/_lib/form-state";
import { keepPicking, slotRefusal } from "@/app/(public)/_lib/slot-times";
import { getDb } from "@/db";
import { toActionError, validationState, type ActionState } from "@/lib/action-state";
import { getCurrentUser } from "@/lib/auth/guards";
import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/manage";
import { cancelRequestSchema, rescheduleRequestSchema } from "@/lib/booking/schema";
import { getOwnAppointment } from "@/lib/portal/appointment";
import { rebookAppointment } from "@/lib/portal/rebook";

/*
 * The owner's actions on one appointment. The id comes bound from the page's route and every
 * lookup is by that id AND the signed-in client: anyone else gets a 404 and nothing changes.
 */

async function ownerOrNotFound(id: string) {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/account/appointments/${id}`)}`);
  const db = await getDb();
  const appointment = await getOwnAppointment(db, user, id);
  if (!appointment) notFound();
  return { db, user, appointment };
}

export async function cancelOwnAppointmentAction(id: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { db, user } = await ownerOrNotFound(id);
  const parsed = cancelRequestSchema.safeParse({ reason: formData.get("reason") ?? undefined });
  if (!parsed.success) return validationState(parsed.error, formData);
  try {
    await cancelAppointment(db, { appointmentId: id, actor: { kind: "client", userId: user.id }, reason: parsed.data.reason });
  } catch (e) {
    return toActionError(e, formData);
  }
  revalidatePath("/account");
  revalidatePath(`/account/appointments/${id}`);
  redirect(`/account/appointments/${id}?cancelled=1`);
}

export async function rescheduleOwnAppointmentAction(id: string, _prev: SlotFormState, formData: FormData): Promise<SlotFormState> {
  const { db, user, appointment: a } = await ownerOrNotFound(id);
  const scope = { providerId: a.provider.id, serviceId: a.service.id, staffId: a.staffId, timezone: a.provider.timezone };
  const parsed = rescheduleRequestSchema.safeParse({ start: formData.get("start") });
  if (!parsed.success) return keepPicking(db, validationState(parsed.error, formData), scope, formData);
  try {
    await rescheduleAppointment(db, { appointmentId: id, actor: { kind: "client", userId: user.id }, start: new Date(parsed.data.start) });
  } catch (e) {
    return (await slotRefusal(db, e, scope, formData)) ?? keepPicking(db, toActionError(e, formData), scope, formData);
  }
  revalidatePath("/account");
  revalidatePath(`/account/appointments/${id}`);
  redirect(`/account/appointments/${id}?rescheduled=1`);
}

export async function rebookAction(id: string, _prev: SlotFormState, formData: FormData): Promise<SlotFormState> {
  const { db, user, appointment: a } = await ownerOrNotFound(id);
  const scope = { providerId: a.provider.id, serviceId: a.service.id, staffId: a.staffId, timezone: a.provider.timezone };
  const parsed = rescheduleRequestSchema.safeParse({ start: formData.get("start") });
  if (!parsed.success) return keepPicking(db, validationState(parsed.error, formData), scope, formData);
  let newId: string;
  try {
    newId = await rebookAppointment(db, { userId: user.id, appointmentId: id, start: new Date(parsed.data.start) });
  } catch (e) {
    return (await slotRefusal(db, e, scope, formData)) ?? keepPicking(db, toActionError(e, formData), scope, formData);
  }
  revalidatePath("/account");
  redirect(`/account/appointments/${newId}?booked=1`);
}
