"use server";

import { getDb } from "@/lib/app/runtime";
import { flashAction } from "@/lib/infra/actions";
import { requireRole } from "@/lib/app/guards";
import { preferencesFormSchema, savePreferences } from "@/lib/notices/preferences";

/** Saves all six switches at once (an unticked box posts nothing: off). A plain form post: works without JavaScript. */
export const savePreferencesAction = flashAction({
  authorise: async () => ({ db: await getDb(), user: await requireRole("client") }),
  schema: preferencesFormSchema,
  call: async ({ db, user }, input) => {
    await savePreferences(db, user.id, input);
    return "saved=1";
  },
  to: (_ctx, query) => `/account/preferences?${query}`,
  revalidate: () => ["/account/preferences"],
});
