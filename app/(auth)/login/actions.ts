"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { getDb } from "@/lib/runtime";
import { formValues, toActionError, validationState, type ActionState } from "@/lib/action-state";
import { INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/authenticate";
import { afterSignInPath } from "@/lib/auth/roles";
import { loginSchema } from "@/lib/auth/schemas";
import { SignInRefused } from "@/lib/auth/sign-in-error";
import { findRoleByEmail } from "@/lib/auth/users";

/**
 * Signs in with email and password through Auth.js's Credentials provider, whose authorize()
 * throttles and checks (lib/auth/authenticate.ts). Public: nothing to authorise first.
 */
export async function loginAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = loginSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return validationState(parsed.error, formData);
  const { email, password, next } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (e) {
    if (e instanceof SignInRefused) return { ok: false, message: e.userMessage, values: formValues(formData) };
    if (e instanceof AuthError) return { ok: false, message: INVALID_CREDENTIALS_MESSAGE, values: formValues(formData) };
    return toActionError(e, formData);
  }
  const role = await findRoleByEmail(await getDb(), email);
  redirect(role ? afterSignInPath(role, next) : "/");
}
