"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { flashAction } from "@/lib/infra/actions";
import { requireProvider } from "@/lib/app/guards";
import { startTrial } from "@/lib/plans/plans";

/** The 14-day PRO trial, once per provider (lib/plans records it); the outcome is a flash on the upgrade page. */
export const startTrialAction = flashAction({
  authorise: requireProvider,
  schema: z.object({}),
  call: async ({ provider }) => {
    await startTrial(await getDb(), provider.id);
    return "trial=1";
  },
  // The plan shows in the whole dashboard (navigation, staff and calendar tabs).
  revalidate: () => [{ layout: "/dashboard" }],
  to: (_ctx, query) => `/dashboard/upgrade?${query}`,
});
