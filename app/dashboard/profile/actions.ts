"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/runtime";
import { toActionError, validationState, type ActionState } from "@/lib/action-state";
import { requireProvider } from "@/lib/auth/guards";
import { formObject } from "@/lib/provider/form-fields";
import { profileSchema, updateProfile } from "@/lib/provider/profile";

export async function saveProfileAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requireProvider();
  const parsed = profileSchema(provider.timezone).safeParse(formObject(formData));
  if (!parsed.success) return validationState(parsed.error, formData);
  try {
    await updateProfile(await getDb(), provider.id, parsed.data);
  } catch (e) {
    return toActionError(e, formData);
  }
  revalidatePath("/dashboard", "layout");
  revalidatePath(`/p/${provider.slug}`);
  redirect("/dashboard/profile?saved=1");
}
