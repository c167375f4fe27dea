"use server";

import { z } from "zod";
import { getDb } from "@/lib/runtime";
import { formAction } from "@/lib/actions";
import { requireProvider } from "@/lib/auth/guards";
import { cancelAppointment } from "@/lib/booking/manage";
import { APPOINTMENT_ACTIONS, applyAppointmentAction, parseStatusFilter, parseView } from "@/lib/provider/appointments";
import { dashboardHref } from "./dashboard-href";

// The list's filters ride along so the page comes back as it was; they are re-parsed, never trusted.
const listState = { view: z.string().optional().transform(parseView), status: z.string().optional().transform(parseStatusFilter) };

const statusSchema = z.object({
  appointmentId: z.uuid({ error: "Unknown appointment." }),
  action: z.enum(APPOINTMENT_ACTIONS),
  ...listState,
});

export const appointmentStatusAction = formAction({
  authorise: requireProvider,
  schema: statusSchema,
  invalidMessage: "That action isn't possible for this appointment.",
  echo: false,
  call: async ({ provider }, { appointmentId, action }) =>
    applyAppointmentAction(await getDb(), { providerId: provider.id, appointmentId, action }),
  done: (_ctx, { view, status, action }) => ({ revalidate: ["/dashboard"], redirect: dashboardHref({ view, status, done: action }) }),
});

const cancelSchema = z.object({
  appointmentId: z.uuid({ error: "Unknown appointment." }),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
  ...listState,
});

export const cancelAppointmentAction = formAction({
  authorise: requireProvider,
  schema: cancelSchema,
  call: async ({ provider }, { appointmentId, reason }) =>
    cancelAppointment(await getDb(), {
      appointmentId,
      actor: { kind: "provider", providerId: provider.id },
      reason: reason || undefined,
    }),
  done: (_ctx, { view, status }) => ({ revalidate: ["/dashboard"], redirect: dashboardHref({ view, status, done: "cancel" }) }),
});
