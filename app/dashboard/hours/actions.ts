"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { flashAction, formAction } from "@/lib/infra/actions";
import { requireProvider } from "@/lib/app/guards";
import { addClosedDate, closedDateSchema, removeClosedDate, replaceWeeklyHours, weeklyHoursConfirmSchema } from "@/lib/provider/hours";
import { assertConflictsConfirmed } from "@/lib/staff/conflicts";

// Ticked after being shown the booked appointments a change would leave outside working time.
const confirmField = z
  .string()
  .optional()
  .transform((v) => v === "1");

const hoursPaths = (slug: string) => ["/dashboard/hours", `/p/${slug}`];

/** Saves the weekly hours; booked appointments they would leave outside working time are named first, to confirm. */
export const saveHoursAction = formAction({
  authorise: requireProvider,
  schema: weeklyHoursConfirmSchema,
  invalidMessage: "Please fix the hours marked below.",
  // The form keeps its own rows (client state), so no values are echoed.
  echo: false,
  call: async ({ provider }, { intervals, confirmConflicts }) => {
    const db = await getDb();
    await assertConflictsConfirmed(db, provider.id, { kind: "hours", hours: intervals }, confirmConflicts);
    await replaceWeeklyHours(db, provider.id, intervals);
  },
  done: ({ provider }) => ({ revalidate: hoursPaths(provider.slug), redirect: "/dashboard/hours?saved=1" }),
});

/** Adds a closed date; booked appointments on it are named first, to confirm. */
export const addClosedDateAction = formAction({
  authorise: requireProvider,
  schema: closedDateSchema.extend({ confirmConflicts: confirmField }),
  call: async ({ provider }, { confirmConflicts, ...input }) => {
    const db = await getDb();
    await assertConflictsConfirmed(db, provider.id, { kind: "closed", date: input.date, reason: input.reason }, confirmConflicts);
    return addClosedDate(db, provider.id, input);
  },
  done: ({ provider }) => ({ revalidate: hoursPaths(provider.slug), redirect: "/dashboard/hours?closed=1#closed-dates" }),
});

export const removeClosedDateAction = flashAction({
  authorise: requireProvider,
  schema: z.object({ closedDateId: z.string().default("") }),
  call: async ({ provider }, { closedDateId }) => {
    await removeClosedDate(await getDb(), provider.id, closedDateId);
    return "reopened=1";
  },
  revalidate: ({ provider }) => hoursPaths(provider.slug),
  to: (_ctx, query) => `/dashboard/hours?${query}#closed-dates`,
});

