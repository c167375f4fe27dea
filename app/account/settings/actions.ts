"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signOut } from "@/auth";
import { getDb } from "@/db";
import { toActionError, validationState, type ActionState } from "@/lib/action-state";
import { requireRole } from "@/lib/auth/guards";
import {
  changePassword,
  deleteAccount,
  deleteAccountSchema,
  passwordChangeSchema,
  profileSchema,
  updateProfile,
} from "@/lib/portal/account";

export async function updateProfileAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireRole("client");
  const parsed = profileSchema.safeParse({ name: formData.get("name") ?? "", phone: formData.get("phone") ?? "" });
  if (!parsed.success) return validationState(parsed.error, formData);
  try {
    await updateProfile(await getDb(), user.id, parsed.data);
  } catch (e) {
    return toActionError(e, formData);
  }
  revalidatePath("/account", "layout");
  return { ok: true, message: "Your details have been saved.", values: { name: parsed.data.name, phone: parsed.data.phone } };
}

export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireRole("client");
  const parsed = passwordChangeSchema.safeParse({
    currentPassword: formData.get("currentPassword") ?? "",
    newPassword: formData.get("newPassword") ?? "",
    confirmPassword: formData.get("confirmPassword") ?? "",
  });
  // Never echo passwords back into the form.
  if (!parsed.success) return { ...validationState(parsed.error), values: undefined };
  try {
    await changePassword(await getDb(), user.id, parsed.data);
  } catch (e) {
    return { ...toActionError(e), values: undefined };
  }
  return { ok: true, message: "Your password has been changed." };
}

export async function deleteAccountAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireRole("client");
  const parsed = deleteAccountSchema.safeParse({ password: formData.get("password") ?? "" });
  if (!parsed.success) return { ...validationState(parsed.error), values: undefined };
  try {
    await deleteAccount(await getDb(), user.id, parsed.data.password);
  } catch (e) {
    return { ...toActionError(e), values: undefined };
  }
  await signOut({ redirect: false });
  redirect("/?accountDeleted=1");
}
