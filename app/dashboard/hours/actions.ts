"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { flashAction, formAction } from "@/lib/infra/actions";
import { requireProvider } from "@/lib/app/guards";
import { addClosedDate, closedDateSchema, removeClosedDate, replaceWeeklyHours, weeklyHoursFormSchema } from "@/lib/provider/hours";

const hoursPaths = (slug: string) => ["/dashboard/hours", `/p/${slug}`];

export const saveHoursAction = formAction({
  authorise: requireProvider,
  schema: weeklyHoursFormSchema,
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

