"use server";

import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { resetPassword } from "@/lib/auth/password-reset";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { AppError } from "@/lib/infra/errors";
import { currentRequestId, log } from "@/lib/infra/log";

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

/** Sets a new password with a mailed token (the token is the proof), then ends every session. Public. */
export const resetPasswordAction = formAction({
  authorise: async () => ({}),
  schema: resetSchema,
  call: async (_ctx, input) => {
    const result = await resetPassword(await getDb(), input.token, input.password);
    const requestId = await currentRequestId();
    if (!result.ok) {
      log.info({ component: "auth", event: "token_refused", kind: "password_reset", reason: result.reason, requestId }, "reset token refused");
      throw new AppError("NOT_FOUND", failures[result.reason]);
    }
    log.info({ component: "auth", event: "password_reset", requestId }, "password reset; all sessions ended");
  },
  done: () => ({ redirect: "/login?reset=1" }),
  echo: false,
});
