"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import { toActionError, validationState, type ActionState } from "@/lib/action-state";
import { getCurrentUser } from "@/lib/auth/guards";
import { cancelAppointment } from "@/lib/booking/manage";
import { cancelRequestSchema } from "@/lib/booking/schema";
import { getOwnAppointment } from "@/lib/portal/appointment";

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
