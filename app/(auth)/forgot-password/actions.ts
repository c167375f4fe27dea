"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { formValues, toActionError, validationState, type ActionState } from "@/lib/action-state";
import { requestPasswordReset, RESET_REQUESTED_MESSAGE } from "@/lib/auth/password-reset";
import { clientIp } from "@/lib/http";

const forgotSchema = z.object({
  email: z.string({ error: "Enter your email address." }).trim().min(1, "Enter your email address.").max(320).pipe(z.email("Enter a valid email address.")),
});

/** "Forgot password?": the same answer whether or not the email has an account. Public. */
export async function forgotPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = forgotSchema.safeParse({ email: formData.get("email") ?? "" });
  if (!parsed.success) return validationState(parsed.error, formData);
  try {
    const result = await requestPasswordReset(await getDb(), parsed.data.email, clientIp(await headers()));
    if (!result.ok) {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      return { ok: false, message: `Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, values: formValues(formData) };
    }
  } catch (e) {
    return toActionError(e, formData);
  }
  return { ok: true, message: RESET_REQUESTED_MESSAGE };
}
