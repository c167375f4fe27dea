"use server";

import { z } from "zod";
import { isSafeMultiLine } from "@/lib/infra/text";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { requireProvider, requirePro } from "@/lib/app/guards";
import { cancelAppointment } from "@/lib/booking/manage";
import {
  APPOINTMENT_ACTIONS,
  applyAppointmentAction,
  cancelUpcomingOfEmail,
  parseStatusFilter,
  parseView,
  type ListView,
  type StatusFilter,
} from "@/lib/provider/appointments";
import { dashboardHref } from "./dashboard-href";
import { reassignAppointment } from "@/lib/staff/reassign";
import { queueCancellationSummary } from "@/lib/notices/bulk-cancel";
import { isUuid } from "@/lib/infra/validation";

// The list's filters ride along so the page comes back as it was; they are re-parsed, never trusted.
const listState = {
  view: z.string().optional().transform(parseView),
  status: z.string().optional().transform(parseStatusFilter),
  // The page checks it against the provider's staff again; here it only has to look like one.
  staff: z
    .string()
    .optional()
    .transform((v) => (v === "none" || isUuid(v) ? v : undefined)),
  // From the schedule's panel: back to that day (only a schedule path of ours, never elsewhere).
  returnTo: z
    .string()
    .optional()
    .transform((v) => (v && SCHEDULE_PATH.test(v) ? v : undefined)),
};

const SCHEDULE_PATH = /^\/dashboard\/schedule(\?[A-Za-z0-9=&_.:-]*)?$/;

/** Where an action from the list or the schedule's panel returns to, with its flash. */
function backTo(q: { view: ListView; status: StatusFilter; staff?: string; returnTo?: string }, done: string): string {
  if (q.returnTo) return `${q.returnTo}${q.returnTo.includes("?") ? "&" : "?"}done=${done}`;
  return dashboardHref({ view: q.view, status: q.status, staff: q.staff, done });
}

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
  done: (_ctx, input) => ({ revalidate: ["/dashboard"], redirect: backTo(input, input.action) }),
});

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

export const cancelAppointmentAction = formAction({
  authorise: requireProvider,
  schema: cancelSchema,
  call: async ({ provider }, { appointmentId, reason }) =>
    cancelAppointment(await getDb(), {
      appointmentId,
      actor: { kind: "provider", providerId: provider.id },
      reason: reason || undefined,
    }),
  done: (_ctx, input) => ({ revalidate: ["/dashboard"], redirect: backTo(input, "cancel") }),
});

const cancelEmailSchema = z.object({
  appointmentId: z.uuid({ error: "Unknown appointment." }),
  ...listState,
});

/** From an appointment card: cancel every upcoming booking made with that card's email (after a confirmation). */
export const cancelUpcomingOfEmailAction = formAction({
  authorise: requireProvider,
  schema: cancelEmailSchema,
  echo: false,
  call: async ({ provider }, { appointmentId }) =>
    cancelUpcomingOfEmail(await getDb(), {
      providerId: provider.id,
      appointmentId,
      reason: "The business cancelled the upcoming bookings made with this email.",
      tellClient: queueCancellationSummary,
    }),
  done: (_ctx, { view, status, staff }) => ({ revalidate: ["/dashboard"], redirect: dashboardHref({ view, status, staff, done: "cancel-email" }) }),
});

const reassignSchema = z.object({
  appointmentId: z.uuid({ error: "Unknown appointment." }),
  toStaffId: z.string({ error: "Choose a staff member." }).min(1, "Choose a staff member."),
  ...listState,
});

/** From an appointment card: move it to another qualified member who is free then (PRO only). */
export const reassignFromDashboardAction = formAction({
  authorise: () => requirePro("staff"),
  schema: reassignSchema,
  echo: false,
  fields: { VALIDATION: "toStaffId", SLOT_TAKEN: "toStaffId" },
  call: async ({ provider }, { appointmentId, toStaffId }) => reassignAppointment(await getDb(), provider.id, appointmentId, toStaffId),
  done: (_ctx, input) => ({ revalidate: ["/dashboard", "/dashboard/staff"], redirect: backTo(input, "reassign") }),
});
