"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { flashAction, formAction } from "@/lib/infra/actions";
import { requireProvider } from "@/lib/app/guards";
import { askClientToReschedule, keepConflict } from "@/lib/staff/conflicts";
import { saveClientNote } from "@/lib/provider/client-notes";

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

const noteForm = conflictForm.extend({ note: z.string().default("") });

/** The provider's private note on the appointment's client (the details panel). */
export const saveClientNoteAction = formAction({
  authorise: requireProvider,
  schema: noteForm,
  fields: { VALIDATION: "note" },
  call: async ({ provider }, { appointmentId, note }) => saveClientNote(await getDb(), { providerId: provider.id, appointmentId, note }),
  done: (_ctx, input, result) => ({ revalidate: [{ layout: "/dashboard" }], redirect: withQuery(input.back, `done=${result === "saved" ? "note" : "note-cleared"}`) }),
});
