"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/runtime";
import { formValues, toActionError, validationState, type ActionState } from "@/lib/action-state";
import { zonedDateTimeToInstant } from "@/lib/availability";
import { requireProvider } from "@/lib/auth/guards";
import { createBooking } from "@/lib/booking/create";
import { emailSchema, nameSchema, notesSchema, phoneSchema } from "@/lib/booking/schema";
import { isAppError } from "@/lib/errors";
import { formObject, isoDate } from "@/lib/provider/form-fields";

const newAppointmentSchema = z.object({
  serviceId: z.uuid({ error: "Choose a service." }),
  date: isoDate("Date"),
  time: z
    .string({ error: "Choose a time." })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Choose a time, like 14:30."),
  source: z.enum(["walk_in", "phone"], { error: "Choose walk-in or phone." }),
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema,
  notes: notesSchema.optional(),
});

const TAKEN = "That time overlaps another appointment. Pick another time.";

/** A walk-in or phone booking made by the provider: notice and horizon don't apply, hours and overlaps do. */
export async function createAppointmentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requireProvider();
  const parsed = newAppointmentSchema.safeParse(formObject(formData));
  if (!parsed.success) return validationState(parsed.error, formData);
  const d = parsed.data;
  try {
    await createBooking(await getDb(), {
      providerId: provider.id,
      serviceId: d.serviceId,
      start: zonedDateTimeToInstant(d.date, d.time, provider.timezone),
      name: d.name,
      email: d.email,
      phone: d.phone,
      notes: d.notes,
      by: "provider",
      source: d.source,
    });
  } catch (e) {
    // Time problems belong beside the time field; an unknown service beside the service.
    if (isAppError(e) && (e.code === "SLOT_TAKEN" || e.code === "OUTSIDE_HOURS")) {
      // OUTSIDE_HOURS messages from the booking domain say what is wrong (passed, closed, off the grid).
      const message = e.code === "SLOT_TAKEN" ? TAKEN : e.message;
      return { ok: false, message: "Please check the highlighted fields.", fieldErrors: { time: [message] }, values: formValues(formData) };
    }
    if (isAppError(e) && e.code === "NOT_FOUND") {
      return {
        ok: false,
        message: "Please check the highlighted fields.",
        fieldErrors: { serviceId: ["Choose one of your active services."] },
        values: formValues(formData),
      };
    }
    return toActionError(e, formData);
  }
  revalidatePath("/dashboard");
  redirect("/dashboard?done=created");
}
