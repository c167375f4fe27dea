"use server";

import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { requireProvider } from "@/lib/app/guards";
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
