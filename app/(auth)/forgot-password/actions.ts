"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { requestPasswordReset, RESET_REQUESTED_MESSAGE } from "@/lib/auth/password-reset";
import { AppError } from "@/lib/infra/errors";
import { clientIp } from "@/lib/infra/http";
import { emailSchema } from "@/lib/infra/validation";

/** "Forgot password?": the same answer whether or not the email has an account. Public. */
export const forgotPasswordAction = formAction({
  authorise: async () => ({ ip: clientIp(await headers()) }),
  schema: z.object({ email: emailSchema }),
  call: async ({ ip }, { email }) => {
    const result = await requestPasswordReset(await getDb(), email, ip);
    if (!result.ok) {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      throw new AppError("RATE_LIMITED", `Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
        retryAfter: result.retryAfterSeconds,
      });
    }
  },
  done: () => ({ state: { ok: true, message: RESET_REQUESTED_MESSAGE } }),
});
