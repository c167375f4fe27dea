"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isSafeMultiLine } from "@/lib/text";
import { getDb } from "@/db";
import { toActionError, validationState, type ActionState } from "@/lib/action-state";
import { requireProvider } from "@/lib/auth/guards";
import { cancelAppointment } from "@/lib/booking/manage";
import { APPOINTMENT_ACTIONS, applyAppointmentAction, parseStatusFilter, parseView } from "@/lib/provider/appointments";
import { formObject } from "@/lib/provider/form-fields";
import { dashboardHref } from "./dashboard-href";

// The list's filters ride along so the page comes back as it was; they are re-parsed, never trusted.
const listState = { view: z.string().optional().transform(parseView), status: z.string().optional().transform(parseStatusFilter) };

const statusSchema = z.object({
  appointmentId: z.uuid({ error: "Unknown appointment." }),
  action: z.enum(APPOINTMENT_ACTIONS),
  ...listState,
});

export async function appointmentStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requireProvider();
  const parsed = statusSchema.safeParse(formObject(formData));
  if (!parsed.success) return { ok: false, message: "That action isn't possible for this appointment." };
  const { appointmentId, action, view, status } = parsed.data;
  try {
    await applyAppointmentAction(await getDb(), { providerId: provider.id, appointmentId, action });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath("/dashboard");
  redirect(dashboardHref({ view, status, done: action }));
}

const cancelSchema = z.object({
  appointmentId: z.uuid({ error: "Unknown appointment." }),
  reason: z
    .string()
    .trim()
    .max(500, "Keep the reason under 500 characters.")
    .refine(isSafeMultiLine, "The reason contains characters that are not allowed.")
    .optional(),
  ...listState,
});

export async function cancelAppointmentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requireProvider();
  const parsed = cancelSchema.safeParse(formObject(formData));
  if (!parsed.success) return validationState(parsed.error, formData);
  const { appointmentId, reason, view, status } = parsed.data;
  try {
    await cancelAppointment(await getDb(), {
      appointmentId,
      actor: { kind: "provider", providerId: provider.id },
      reason: reason || undefined,
    });
  } catch (e) {
    return toActionError(e, formData);
  }
  revalidatePath("/dashboard");
  redirect(dashboardHref({ view, status, done: "cancel" }));
}
