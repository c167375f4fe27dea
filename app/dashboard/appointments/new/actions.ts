"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { zonedDateTimeToInstant } from "@/lib/availability";
import { requireProvider } from "@/lib/app/guards";
import { createBooking, recordPastVisit } from "@/lib/booking/create";
import { nameSchema, notesSchema, phoneSchema } from "@/lib/booking/schema";
import { emailSchema, isoDate } from "@/lib/infra/validation";

const newAppointmentSchema = z.object({
  serviceId: z.uuid({ error: "Choose a service." }),
  // "" is "any available"; a member must provide the service (createBooking checks it).
  staffId: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.uuid({ error: "Choose a staff member." }).optional()),
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
  // Checked: a visit that already happened, recorded as completed with no mails.
  happened: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});

/**
 * A walk-in or phone booking made by the provider: notice and horizon don't apply, hours and
 * overlaps do. Or, "already happened", a past visit recorded as completed, nobody told.
 */
export const createAppointmentAction = formAction({
  authorise: requireProvider,
  schema: newAppointmentSchema,
  call: async ({ provider }, d) => {
    const start = zonedDateTimeToInstant(d.date, d.time, provider.timezone);
    if (d.happened) {
      return recordPastVisit(await getDb(), {
        providerId: provider.id,
        serviceId: d.serviceId,
        staffId: d.staffId,
        start,
        name: d.name,
        email: d.email,
        phone: d.phone,
        notes: d.notes,
        source: d.source,
      });
    }
    return createBooking(await getDb(), {
      providerId: provider.id,
      serviceId: d.serviceId,
      staffId: d.staffId,
      start,
      name: d.name,
      email: d.email,
      phone: d.phone,
      notes: d.notes,
      by: "provider",
      source: d.source,
    });
  },
  // Time problems belong beside the time field (OUTSIDE_HOURS says what: passed, closed, off
  // the grid); an unknown or inactive service beside the service.
  fields: { SLOT_TAKEN: "time", OUTSIDE_HOURS: "time", NOT_FOUND: "serviceId" },
  // A recorded visit opens on its day's schedule, in the panel.
  done: (_ctx, d, result) => ({
    revalidate: ["/dashboard"],
    redirect: "id" in result ? `/dashboard/schedule?date=${d.date}&open=${result.id}&done=recorded` : "/dashboard?done=created",
  }),
});
