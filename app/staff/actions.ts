"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { flashAction, formAction } from "@/lib/infra/actions";
import { requireRole } from "@/lib/app/guards";
import { isUuid } from "@/lib/infra/validation";
import { applyStaffAppointmentAction, STAFF_ACTIONS } from "@/lib/staff/schedule";
import { timeOffSchema } from "@/lib/staff/availability";
import { requestTimeOff } from "@/lib/staff/time-off-requests";

const schema = z.object({
  appointmentId: z.string().refine(isUuid),
  action: z.enum(STAFF_ACTIONS),
  view: z
    .string()
    .optional()
    .transform((v) => (v === "past" ? "past" : undefined)),
});

/** A staff login marks one of its own appointments completed or a no-show, or undoes a no-show. */
export const staffAppointmentAction = flashAction({
  authorise: () => requireRole("staff"),
  schema,
  // A malformed id is as unknown as someone else's.
  invalidQuery: "error=NOT_FOUND",
  call: async (user, input) => {
    await applyStaffAppointmentAction(await getDb(), { userId: user.id, ...input });
    return { complete: "completed=1", no_show: "noShow=1", undo_no_show: "undone=1" }[input.action];
  },
  revalidate: () => ["/staff"],
  to: (_user, query, input) => `/staff?${input?.view ? `view=${input.view}&` : ""}${query}`,
});

/** A staff login asks for time off (or, when the business allows it, adds it), confirming any booked appointments first. */
export const requestTimeOffAction = formAction({
  authorise: () => requireRole("staff"),
  schema: timeOffSchema,
  call: async (user, input) => requestTimeOff(await getDb(), user.id, input),
  done: (_user, _input, { added }) => ({ revalidate: ["/staff", "/dashboard/staff"], redirect: `/staff?timeOff=${added ? "added" : "requested"}#my-time-off` }),
});
