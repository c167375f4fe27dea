"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { flashAction } from "@/lib/infra/actions";
import { requireRole } from "@/lib/app/guards";
import { isUuid } from "@/lib/infra/validation";
import { applyStaffAppointmentAction, STAFF_ACTIONS } from "@/lib/staff/schedule";

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
