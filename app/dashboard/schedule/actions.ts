"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { flashAction } from "@/lib/infra/actions";
import { requireProvider } from "@/lib/app/guards";
import { askClientToReschedule, keepConflict } from "@/lib/staff/conflicts";

/*
 * Resolving a conflict from the schedule's panel, the member's page or the list: ask the client
 * to choose a new time (a mail with a private manage link), or keep the appointment. `back` is
 * where the page came from: only a dashboard path of ours.
 */

const BACK = /^\/dashboard(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&_.:%-]*)?$/;

const conflictForm = z.object({
  appointmentId: z.uuid({ error: "Unknown appointment." }),
  back: z
    .string()
    .optional()
    .transform((v) => (v && BACK.test(v) ? v : "/dashboard/schedule")),
});

const withQuery = (back: string | undefined, query: string) => {
  const to = back ?? "/dashboard/schedule";
  return `${to}${to.includes("?") ? "&" : "?"}${query}`;
};

export const askToRescheduleAction = flashAction({
  authorise: requireProvider,
  schema: conflictForm,
  call: async ({ provider }, { appointmentId }) => {
    await askClientToReschedule(await getDb(), provider.id, appointmentId);
    return "done=asked";
  },
  revalidate: () => [{ layout: "/dashboard" }],
  to: (_ctx, query, input) => withQuery(input?.back, query),
});

export const keepConflictAction = flashAction({
  authorise: requireProvider,
  schema: conflictForm,
  call: async ({ provider }, { appointmentId }) => {
    await keepConflict(await getDb(), provider.id, appointmentId);
    return "done=kept";
  },
  revalidate: () => [{ layout: "/dashboard" }],
  to: (_ctx, query, input) => withQuery(input?.back, query),
});
