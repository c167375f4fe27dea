"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { toActionError, validationState, type ActionState } from "@/lib/action-state";
import { resetPassword } from "@/lib/auth/password-reset";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { currentRequestId, log } from "@/lib/log";

const resetSchema = z
  .object({
    token: z.string().max(200),
    password: z
      .string({ error: `Use at least ${PASSWORD_MIN_LENGTH} characters.` })
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(200, "Use at most 200 characters."),
    confirmPassword: z.string({ error: "Type the new password again." }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

const failures = {
  unknown: "This link is invalid. Ask for a new one.",
  expired: "This link has expired (links work for 1 hour). Ask for a new one.",
  used: "This link has already been used. Ask for a new one.",
} as const;

/** Sets a new password with a mailed token (the token is the proof), then ends every session. */
export async function resetPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = resetSchema.safeParse({
    token: formData.get("token") ?? "",
    password: formData.get("password") ?? "",
    confirmPassword: formData.get("confirmPassword") ?? "",
  });
  if (!parsed.success) return { ...validationState(parsed.error), values: {} };
  let result;
  try {
    result = await resetPassword(await getDb(), parsed.data.token, parsed.data.password);
  } catch (e) {
    return toActionError(e);
  }
  if (!result.ok) {
    log.info({ component: "auth", event: "token_refused", kind: "password_reset", reason: result.reason, requestId: await currentRequestId() }, "reset token refused");
    return { ok: false, message: failures[result.reason] };
  }
  log.info({ component: "auth", event: "password_reset", requestId: await currentRequestId() }, "password reset; all sessions ended");
  redirect("/login?reset=1");
}
