"use server";

import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { rescheduleAppointment } from "@/lib/booking/manage";
import { getAppointmentForActor } from "@/lib/booking/read";
import { rescheduleRequestSchema } from "@/lib/booking/schema";
import type { SlotFormState } from "@/lib/booking/slot-options";
import { offerOtherTimes, timesScopeOf } from "@/lib/booking/slot-times";
import type { ActionState } from "@/lib/infra/action-state";
import { formAction } from "@/lib/infra/actions";
import { AppError } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { rescheduledHref } from "./back";

/*
 * The provider moves one of their appointments to a new time (and, PRO, to a member they
 * choose), through the same write path as a client's reschedule: the client is told by the
 * notices follow-up. The page binds the appointment, the chosen member and the way back; all
 * three are checked again here (the appointment in the WHERE of its load, the member by the
 * write's candidate check, the way back against our own paths).
 */

async function authorise(appointmentId: string, staffId: string, back: string) {
  const { provider } = await requireProvider();
  const db = await getDb();
  const appointment = isUuid(appointmentId) ? await getAppointmentForActor(db, appointmentId, { kind: "provider", providerId: provider.id }) : null;
  if (!appointment) throw new AppError("NOT_FOUND", "We couldn't find that appointment.");
  return { db, provider, appointment, staffId: isUuid(staffId) ? staffId : undefined, back };
}

export const rescheduleByProviderAction = formAction({
  authorise,
  schema: rescheduleRequestSchema,
  call: ({ db, provider, appointment, staffId }, { start }) =>
    rescheduleAppointment(db, { appointmentId: appointment.id, actor: { kind: "provider", providerId: provider.id }, start: new Date(start), staffId }),
  done: ({ back }) => ({ revalidate: ["/dashboard", "/dashboard/schedule", "/staff"], redirect: rescheduledHref(back) }),
  // A taken time comes back with that day's free times (of the chosen member, when one is).
  refine: (state: ActionState, ctx, formData, error): Promise<SlotFormState> =>
    offerOtherTimes(ctx.db, state, { ...timesScopeOf(ctx.appointment), staffId: ctx.staffId ?? ctx.appointment.staffId }, formData, error),
});
