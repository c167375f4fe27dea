"use server";

import { z } from "zod";
import { getDb } from "@/lib/runtime";
import { flashAction, formAction } from "@/lib/actions";
import { requireProvider } from "@/lib/auth/guards";
import { addClosedDate, closedDateSchema, parseWeeklyHoursForm, removeClosedDate, replaceWeeklyHours } from "@/lib/provider/hours";

const hoursPaths = (slug: string) => ["/dashboard/hours", `/p/${slug}`];

// The hours form's rows are dynamic (`h-<weekday>-<row>-start`): they are read by
// parseWeeklyHoursForm, whose day-by-day errors come back as an AppError.
const weeklyHoursSchema = z.record(z.string(), z.string()).transform((fields, ctx) => {
  const parsed = parseWeeklyHoursForm(fields);
  if (parsed.ok) return parsed.intervals;
  for (const [path, messages] of Object.entries(parsed.fieldErrors))
    for (const message of messages ?? []) ctx.addIssue({ code: "custom", path: [path], message });
  return z.NEVER;
});

export const saveHoursAction = formAction({
  authorise: requireProvider,
  schema: weeklyHoursSchema,
  invalidMessage: "Please fix the hours marked below.",
  // The form keeps its own rows (client state), so no values are echoed.
  echo: false,
  call: async ({ provider }, intervals) => replaceWeeklyHours(await getDb(), provider.id, intervals),
  done: ({ provider }) => ({ revalidate: hoursPaths(provider.slug), redirect: "/dashboard/hours?saved=1" }),
});

export const addClosedDateAction = formAction({
  authorise: requireProvider,
  schema: closedDateSchema,
  call: async ({ provider }, input) => addClosedDate(await getDb(), provider.id, input),
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

