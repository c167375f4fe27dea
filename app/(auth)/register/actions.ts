"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { getDb } from "@/lib/runtime";
import { toActionError, validationState, type ActionState } from "@/lib/action-state";
import { registerUser } from "@/lib/auth/register";
import { roleHome } from "@/lib/auth/roles";
import { registerSchema } from "@/lib/auth/schemas";

/** Creates the account (and a provider's business), mails the verification link, signs in. */
export async function registerAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = registerSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return validationState(parsed.error, formData);
  let role: "client" | "provider";
  try {
    const { user } = await registerUser(await getDb(), parsed.data);
    role = user.role as "client" | "provider";
  } catch (e) {
    return toActionError(e, formData);
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (e) {
    // The account exists; only the automatic sign-in failed (e.g. this network is throttled).
    console.error("Sign-in after registration failed", e);
    redirect("/login?registered=1");
  }
  redirect(`${roleHome(role)}?welcome=1`);
}
