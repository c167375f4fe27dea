"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { preferencesFormSchema, savePreferences } from "@/lib/portal/preferences";

/** Saves all six switches at once (an unticked box posts nothing: off). A plain form post: works without JavaScript. */
export async function savePreferencesAction(formData: FormData): Promise<void> {
  const user = await requireRole("client");
  const parsed = preferencesFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/account/preferences?error=1");
  await savePreferences(await getDb(), user.id, parsed.data);
  revalidatePath("/account/preferences");
  redirect("/account/preferences?saved=1");
}
