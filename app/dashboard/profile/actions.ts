"use server";

import { getDb } from "@/lib/runtime";
import { formAction } from "@/lib/actions";
import { requireProvider } from "@/lib/auth/guards";
import { profileSchema, updateProfile } from "@/lib/provider/profile";

export const saveProfileAction = formAction({
  authorise: requireProvider,
  schema: ({ provider }) => profileSchema(provider.timezone, provider.currency),
  call: async ({ provider }, input) => updateProfile(await getDb(), provider.id, input),
  done: ({ provider }) => ({
    revalidate: [{ layout: "/dashboard" }, `/p/${provider.slug}`],
    redirect: "/dashboard/profile?saved=1",
  }),
});
